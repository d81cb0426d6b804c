import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareDataDir, StoreLocationError, type DataDirFs } from './prepare-data-dir.ts';
import { openSqliteStore } from './sqlite-store.ts';

function tempDir(t: { after: (fn: () => void) => void }): string {
  const dir = fs.mkdtempSync(join(tmpdir(), 'sy-perms-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
const mode = (p: string) => fs.statSync(p).mode & 0o777;
const fsError = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

test('an existing 0755 data directory becomes 0700 and existing 0644 database files 0600; files SQLite creates later are 0600 too', async (t) => {
  const dir = join(tempDir(t), 'data');
  fs.mkdirSync(dir, { mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  const store = openSqliteStore(dir);
  await store.migrate();
  await store.close();
  for (const f of ['switchyard.db', 'switchyard.db-wal', 'switchyard.db-shm']) {
    if (fs.existsSync(join(dir, f))) fs.chmodSync(join(dir, f), 0o644);
  }
  fs.writeFileSync(join(dir, 'switchyard.db-shm'), '');
  fs.chmodSync(join(dir, 'switchyard.db-shm'), 0o666);
  fs.chmodSync(dir, 0o755);

  const reopened = openSqliteStore(dir);
  assert.equal(mode(dir), 0o700);
  assert.equal(mode(join(dir, 'switchyard.db')), 0o600);
  assert.equal(mode(join(dir, 'switchyard.db-shm')), 0o600);
  await reopened.migrate();
  await reopened.keys.revision();
  assert.equal(mode(join(dir, 'switchyard.db-wal')), 0o600, 'the WAL file SQLite created has the database file mode');
  await reopened.close();
});

test('a new data directory is created 0700 with a 0600 database file, and reported as new', (t) => {
  const dir = join(tempDir(t), 'a', 'b');
  const r = prepareDataDir(dir);
  assert.equal(r.created, true);
  assert.equal(mode(dir), 0o700);
  assert.equal(mode(r.dbPath), 0o600);
  assert.equal(prepareDataDir(dir).created, false);
});

test('a file where the data directory should be is refused, naming the path', (t) => {
  const file = join(tempDir(t), 'not-a-dir');
  fs.writeFileSync(file, 'x');
  assert.throws(() => prepareDataDir(file), (e: Error) => e instanceof StoreLocationError && e.message.includes(`a file of that name is in the way (EEXIST) at ${file}.`));
  assert.throws(() => prepareDataDir(join(file, 'data')), (e: Error) => e instanceof StoreLocationError && /cannot create the data directory: a part of the path is a file, not a directory \(ENOTDIR\) at .*not-a-dir\/data/.test(e.message));
});

test('a read-only directory is refused with its cause and path (real when not root; root bypasses permissions)', { skip: process.getuid?.() === 0 ? 'root bypasses directory permissions' : false }, (t) => {
  const parent = tempDir(t);
  fs.chmodSync(parent, 0o500);
  t.after(() => fs.chmodSync(parent, 0o700));
  assert.throws(() => prepareDataDir(join(parent, 'data')), /permission denied \(EACCES\) at .*data/);
});

test('file-system failures name the real cause and the path: read-only file system, not the owner, disk full', (t) => {
  const dir = join(tempDir(t), 'data');
  const failing = (name: keyof DataDirFs, code: string): DataDirFs => ({ ...fs, [name]: () => { throw fsError(code); } }) as DataDirFs;
  assert.throws(() => prepareDataDir(dir, failing('mkdirSync', 'EROFS')), (e: Error) => e.message === `cannot create the data directory: read-only file system (EROFS) at ${dir}. Set SWITCHYARD_DATA_DIR to a directory this user can write.`);
  fs.mkdirSync(dir, { mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  assert.throws(() => prepareDataDir(dir, failing('chmodSync', 'EPERM')), /cannot restrict the directory to mode 0700: operation not permitted \(not the owner\?\) \(EPERM\) at .*data\. Run the gateway as the owner, or chown the directory to this user\./);
  assert.throws(() => prepareDataDir(dir, failing('accessSync', 'EROFS')), /cannot write in the data directory: read-only file system \(EROFS\) at /);
  assert.throws(() => prepareDataDir(dir, failing('openSync', 'ENOSPC')), /cannot create the database file: no space left on the device \(disk full\) \(ENOSPC\) at .*data\/switchyard\.db/);
});
