import * as nodeFs from 'node:fs';
import { join, resolve } from 'node:path';
import { describeStoreError } from '../describe-store-error.ts';

/** The file-system calls `prepareDataDir` makes; injectable so tests can play errors the machine cannot (EROFS as root). */
export type DataDirFs = Pick<typeof nodeFs, 'mkdirSync' | 'statSync' | 'chmodSync' | 'openSync' | 'closeSync' | 'accessSync'>;

/** Why the store cannot use its data directory; the message names the cause and the path. */
export class StoreLocationError extends Error {
  override name = 'StoreLocationError';
}

export const DB_FILE = 'switchyard.db';
const DB_FILES = [DB_FILE, `${DB_FILE}-wal`, `${DB_FILE}-shm`];

/**
 * Makes the data directory private before SQLite touches it: the directory is created or forced to
 * 0700 and the database files (db, -wal, -shm) to 0600, even when they already exist with other modes
 * (SQLite gives the -wal and -shm files it creates the database file's mode). Refuses with a clear
 * message when it cannot: not the owner, a read-only file system, a file in the way, a full disk.
 * Returns the database path and whether this call created a new, empty store.
 */
export function prepareDataDir(dataDir: string, fs: DataDirFs = nodeFs): { dbPath: string; created: boolean } {
  const dir = resolve(dataDir);
  const fail = (what: string, err: unknown, path: string, hint: string): never => {
    throw new StoreLocationError(`cannot ${what}: ${describeStoreError(err, path)}. ${hint}`);
  };
  const moveHint = 'Set SWITCHYARD_DATA_DIR to a directory this user can write.';
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (err) {
    fail('create the data directory', err, dir, moveHint);
  }
  restrict(fs, dir, 0o700, 'directory', true, fail);
  try {
    fs.accessSync(dir, nodeFs.constants.W_OK);
  } catch (err) {
    fail('write in the data directory', err, dir, moveHint);
  }
  const dbPath = join(dir, DB_FILE);
  let created = false;
  try {
    fs.statSync(dbPath);
  } catch {
    created = true;
    try {
      fs.closeSync(fs.openSync(dbPath, 'a', 0o600));
    } catch (err) {
      fail('create the database file', err, dbPath, moveHint);
    }
  }
  for (const name of DB_FILES) restrict(fs, join(dir, name), 0o600, 'file', name === DB_FILE, fail);
  return { dbPath, created };
}

function restrict(fs: DataDirFs, path: string, mode: number, kind: 'directory' | 'file', required: boolean, fail: (what: string, err: unknown, path: string, hint: string) => never): void {
  let st: nodeFs.Stats;
  try {
    st = fs.statSync(path);
  } catch (err) {
    if (!required && (err as { code?: string }).code === 'ENOENT') return;
    return fail(`read the ${kind}`, err, path, 'Check the path and its permissions.');
  }
  if (kind === 'directory' && !st.isDirectory()) throw new StoreLocationError(`cannot use the data directory ${path}: it is a file, not a directory. Set SWITCHYARD_DATA_DIR to a directory.`);
  if ((st.mode & 0o777) === mode) return;
  try {
    fs.chmodSync(path, mode);
  } catch (err) {
    const owner = typeof process.getuid === 'function' && st.uid !== process.getuid() ? ` (owned by uid ${st.uid}; this process runs as uid ${process.getuid()})` : '';
    fail(`restrict the ${kind} to mode ${mode.toString(8).padStart(4, '0')}${owner}`, err, path, `Run the gateway as the owner, or chown the ${kind} to this user.`);
  }
}
