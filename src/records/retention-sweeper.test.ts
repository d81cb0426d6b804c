import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyUsage } from '../canonical/usage.ts';
import { silentLogger } from '../observability/logger.ts';
import { openSqliteStore } from '../store/sqlite/sqlite-store.ts';
import type { RecordRepository, RequestRecord } from '../store/store-types.ts';
import { RetentionSweeper } from './retention-sweeper.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 8);
const rec = (id: string, startedAt: number): RequestRecord => ({
  id, clientRequestId: null, startedAt, keyId: 'k', endpoint: 'chat.completions', requestedModel: 'm', provider: 'p', upstreamModel: 'm',
  stream: false, status: 200, errorClass: null, errorMessage: null, latencyMs: 1, ttftMs: null, usage: emptyUsage(),
  usageSource: 'none', costMicros: null, attempts: 1,
  attemptLog: [{ provider: 'p', model: 'm', outcome: 'ok', upstreamStatus: 200, startMs: 0, latencyMs: 1, hedge: false, costMicros: null }],
});

test('retention: records older than retention_days go, in batches of batchSize, attempts with them; newer ones stay', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sy-retention-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const store = openSqliteStore(dir);
  t.after(() => store.close());
  await store.migrate();
  const old = Array.from({ length: 7 }, (_, i) => rec(`old-${i}`, NOW - 31 * DAY - i * 1000));
  const young = [rec('young-1', NOW - 29 * DAY), rec('young-2', NOW - 1000)];
  await store.records.insertBatch([...old, ...young]);
  const batches: number[] = [];
  const repo: RecordRepository = { ...store.records, deleteOlderThan: async (cutoff, limit) => {
    assert.equal(cutoff, NOW - 30 * DAY);
    const n = await store.records.deleteOlderThan(cutoff, limit);
    batches.push(n);
    return n;
  } };
  const sweeper = new RetentionSweeper(repo, { retentionDays: 30, batchSize: 3, now: () => NOW }, silentLogger());
  assert.equal(await sweeper.sweep(), 7);
  assert.deepEqual(batches, [3, 3, 1], 'small transactions, until a batch comes back short');
  const left = await store.records.list({ limit: 100 });
  assert.deepEqual(left.map((r) => r.id), ['young-2', 'young-1']);
  assert.equal(left[0].attemptLog.length, 1);
  assert.equal(await sweeper.sweep(), 0);
});

test('retention_days 0 keeps records forever: the sweeper never deletes', async () => {
  let calls = 0;
  const repo = { insertBatch: async () => {}, list: async () => [], deleteOlderThan: async () => (calls++, 0) } satisfies RecordRepository;
  const sweeper = new RetentionSweeper(repo, { retentionDays: 0, firstSweepMs: 0, now: () => NOW }, silentLogger());
  sweeper.start();
  assert.equal(await sweeper.sweep(), 0);
  await sweeper.stop();
  assert.equal(calls, 0);
});

test('the sweep runs on its timer after start, and stop ends it', async () => {
  let calls = 0;
  let resolveFirst!: () => void;
  const first = new Promise<void>((r) => (resolveFirst = r));
  const repo: RecordRepository = { insertBatch: async () => {}, list: async () => [], deleteOlderThan: async () => { calls++; resolveFirst(); return 0; } };
  const sweeper = new RetentionSweeper(repo, { retentionDays: 1, firstSweepMs: 1, intervalMs: 60_000, now: () => NOW }, silentLogger());
  sweeper.start();
  await first;
  await sweeper.stop();
  assert.equal(calls, 1);
});
