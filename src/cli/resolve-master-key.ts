import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readSecretFile } from '../config/read-secret-file.ts';

const MIN_MASTER_KEY_LENGTH = 16;

/** The admin credential (absent: admin API disabled), or why the environment's one is unusable. */
export type MasterKeyResult = { ok: true; key: string | undefined } | { ok: false; error: string };

/**
 * Takes the master key from `SWITCHYARD_MASTER_KEY` or from the file `SWITCHYARD_MASTER_KEY_FILE`
 * names (a container secret, one trailing newline dropped). Both set is refused rather than
 * guessed, since the two may disagree. Errors name the variable and the path, never the key.
 */
export function resolveMasterKey(env: Record<string, string | undefined>, cwd: string, readFile = (path: string) => readFileSync(path, 'utf8')): MasterKeyResult {
  const inline = env.SWITCHYARD_MASTER_KEY || undefined;
  const file = env.SWITCHYARD_MASTER_KEY_FILE || undefined;
  if (inline !== undefined && file !== undefined) {
    return { ok: false, error: 'SWITCHYARD_MASTER_KEY and SWITCHYARD_MASTER_KEY_FILE are both set; set only one' };
  }
  let key = inline;
  let name = 'SWITCHYARD_MASTER_KEY';
  if (file !== undefined) {
    const secret = readSecretFile(resolve(cwd, file), readFile);
    if (!secret.ok) return { ok: false, error: `SWITCHYARD_MASTER_KEY_FILE: ${secret.problem}` };
    key = secret.value;
    name = `the master key in ${resolve(cwd, file)}`;
  }
  if (key !== undefined && key.length < MIN_MASTER_KEY_LENGTH) {
    return { ok: false, error: `${name} is too short (${key.length} characters); use at least ${MIN_MASTER_KEY_LENGTH}, e.g. the output of: openssl rand -base64 32` };
  }
  return { ok: true, key };
}
