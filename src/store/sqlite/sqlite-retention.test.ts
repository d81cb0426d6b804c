import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { emptyUsage } from '../../canonical/usage.ts';
import type { RequestRecord } from '../store-types.ts';
import { SqliteOperations } from './sqlite-operations.ts';

const rec = (id: string, startedAt: number): RequestRecord => ({
  id, clientRequestId: null, startedAt, keyId: 'k', endpoint: 'chat.completions', requestedModel: 'm', provider: 'p', upstreamModel: 'm',
  stream: false, status: 502, errorClass: 'upstream_error', errorMessage: 'x'.repeat(2000), latencyMs: 1, ttftMs: null, usage: emptyUsage(),
  usageSource: 'none', costMicros: null, attempts: 1,
  attemptLog: [{ provider: 'p', model: 'm', outcome: 'upstream_error', upstreamStatus: 502, startMs: 0, latencyMs: 1, hedge: false, costMicros: null }],
});

test('a new store uses incremental auto-vacuum: deleting expired records in batches shrinks the database file', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sy-vacuum-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'switchyard.db');
  const ops = new SqliteOperations(path);
  const pages = () => {
    const db = new DatabaseSync(path);
    try {
      return { count: Number((db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count), autoVacuum: Number((db.prepare('PRAGMA auto_vacuum').get() as { auto_vacuum: number }).auto_vacuum) };
    } finally {
      db.close();
    }
  };
  try {
    ops.migrate();
    for (let b = 0; b < 10; b++) ops.insertRecords(Array.from({ length: 200 }, (_, i) => rec(`r-${b}-${i}`, b * 1000 + i)));
    const full = pages();
    assert.equal(full.autoVacuum, 2, 'INCREMENTAL');
    let deleted = 0;
    for (let n = -1; n !== 0; ) deleted += n = ops.deleteRecordsBefore(9_000, 500);
    assert.equal(deleted, 1800);
    const after = pages();
    assert.ok(after.count < full.count * 0.3, `pages went back to the file system: ${full.count} → ${after.count}`);
    ops.close();
    const db = new DatabaseSync(path);
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    db.close();
    assert.ok(statSync(path).size < full.count * 4096 * 0.3, 'and the file is smaller once the WAL is checkpointed');
  } catch (err) {
    ops.close();
    throw err;
  }
});
