import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecordWriter } from './record-writer.ts';
import { silentLogger } from '../observability/logger.ts';
import type { RecordRepository, RequestRecord } from '../store/store-types.ts';
import { emptyUsage } from '../canonical/usage.ts';

const rec = (id: string): RequestRecord => ({
  id, clientRequestId: null, startedAt: 0, keyId: null, endpoint: 'chat.completions', requestedModel: null, provider: null, upstreamModel: null,
  stream: false, status: 200, errorClass: null, errorMessage: null, latencyMs: 1, ttftMs: null, usage: emptyUsage(),
  usageSource: 'none', costMicros: null, attempts: 1, attemptLog: [],
});

function fakeRepo(fail: () => boolean) {
  const written: string[][] = [];
  const repo: RecordRepository = {
    insertBatch: async (rs) => {
      if (fail()) throw new Error('db down');
      written.push(rs.map((r) => r.id));
    },
    list: async () => [],
  };
  return { repo, written };
}

test('writes in batches of batchSize and flushes the rest on close', async () => {
  const { repo, written } = fakeRepo(() => false);
  const w = new RecordWriter(repo, { queueMax: 100, batchSize: 2, flushIntervalMs: 60_000 }, silentLogger());
  for (const id of ['a', 'b', 'c']) w.append(rec(id));
  await w.close();
  assert.deepEqual(written, [['a', 'b'], ['c']]);
  assert.deepEqual(w.getStats(), { queued: 0, written: 3, dropped: 0, failedFlushes: 0 });
});

test('keeps records while the store is down and drops the oldest past queueMax', async () => {
  let down = true;
  const { repo, written } = fakeRepo(() => down);
  const w = new RecordWriter(repo, { queueMax: 3, batchSize: 10, flushIntervalMs: 60_000 }, silentLogger());
  for (const id of ['a', 'b', 'c', 'd', 'e']) w.append(rec(id));
  await w.flush();
  assert.equal(w.getStats().failedFlushes, 1);
  assert.equal(w.getStats().dropped, 2);
  down = false;
  await w.close();
  assert.deepEqual(written, [['c', 'd', 'e']]);
});
