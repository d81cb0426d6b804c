import { statSync } from 'node:fs';
import { resolve } from 'node:path';

/** File name looked up in the working directory when neither flag nor env names a config. */
export const CONFIG_FILE_NAME = 'switchyard.yaml';

/**
 * Chooses the config file: `--config` > `SWITCHYARD_CONFIG` > `./switchyard.yaml` if it
 * exists > none (run on `defaultConfig`). An explicit path is returned even if missing, so
 * the loader can report it instead of silently falling back to defaults.
 */
export function resolveConfigPath(flag: string | undefined, env: Record<string, string | undefined>, cwd: string): string | undefined {
  if (flag !== undefined && flag !== '') return resolve(cwd, flag);
  const fromEnv = env.SWITCHYARD_CONFIG;
  if (fromEnv !== undefined && fromEnv !== '') return resolve(cwd, fromEnv);
  const local = resolve(cwd, CONFIG_FILE_NAME);
  return statSync(local, { throwIfNoEntry: false })?.isFile() ? local : undefined;
}
