import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeStoreError } from './describe-store-error.ts';

const sqliteError = (errcode: number, message: string) => Object.assign(new Error(message), { code: 'ERR_SQLITE_ERROR', errcode, errstr: message });

test('store errors from the disk name their cause and the path; SQL errors keep their own message', () => {
  assert.equal(describeStoreError(sqliteError(13, 'database or disk is full'), '/data/switchyard.db'), 'the disk is full (SQLITE_FULL) at /data/switchyard.db (database or disk is full)');
  assert.match(describeStoreError(sqliteError(8 | (1 << 8), 'attempt to write a readonly database'), '/ro/switchyard.db'), /^the database is read-only: .* \(SQLITE_READONLY\) at \/ro\/switchyard\.db/);
  assert.match(describeStoreError(sqliteError(10 | (12 << 8), 'disk I/O error'), '/d/x.db'), /disk I\/O error \(SQLITE_IOERR\) at \/d\/x\.db/);
  assert.equal(describeStoreError(sqliteError(19 | (8 << 8), 'UNIQUE constraint failed: virtual_keys.hash'), '/d/x.db'), 'UNIQUE constraint failed: virtual_keys.hash');
  assert.equal(describeStoreError(Object.assign(new Error('x'), { code: 'ENOSPC' }), '/d'), 'no space left on the device (disk full) (ENOSPC) at /d');
});
