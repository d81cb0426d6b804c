import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ConfigResult } from './config-error.ts';
import { parseConfigText, type ParseConfigOptions } from './parse-config-text.ts';
import { readFailure } from './read-failure.ts';

/**
 * Reads and parses a config file; a missing or unreadable file is a `ConfigError`, not a throw.
 * Key files it names (`gcp_service_account_file`, `${FILE:path}`) resolve relative to the file's
 * directory. `readFile` lets a caller see (or serve) every file the config reads.
 */
export async function loadConfigFile(path: string, env: Record<string, string | undefined>, options: Pick<ParseConfigOptions, 'readFile'> = {}): Promise<ConfigResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, errors: [readFailure(path, error)] };
  }
  return parseConfigText(text, env, path, { ...options, baseDir: dirname(resolve(path)) });
}
