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
    deleteOlderThan: async () => 0,
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

/** A repository whose writes finish only when the test says so, to see what arrives meanwhile. */
function gatedRepo() {
  const written: string[][] = [];
  let release: () => void = () => {};
  let started = 0;
  const repo: RecordRepository = {
    insertBatch: (rs) => new Promise<void>((resolve) => {
      started++;
      release = () => {
        written.push(rs.map((r) => r.id));
        resolve();
      };
    }),
    list: async () => [],
    deleteOlderThan: async () => 0,
  };
  return { repo, written, release: () => release(), started: () => started };
}

test('records that trickle in during a write wait for the next flush instead of making tiny transactions', async () => {
  const g = gatedRepo();
  const w = new RecordWriter(g.repo, { queueMax: 100, batchSize: 3, flushIntervalMs: 60_000 }, silentLogger());
  for (const id of ['a', 'b', 'c']) w.append(rec(id)); // a full batch starts a write
  w.append(rec('d'));
  g.release();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(g.written, [['a', 'b', 'c']]);
  assert.equal(w.getStats().queued, 1, 'd waits: one record is not worth a transaction of its own');
  const closing = w.close();
  await new Promise((r) => setImmediate(r));
  g.release();
  await closing;
  assert.deepEqual(g.written, [['a', 'b', 'c'], ['d']], 'a flush still writes everything queued when it began');
});

test('a batch in flight when the full queue drops records is not removed twice', async () => {
  const g = gatedRepo();
  const w = new RecordWriter(g.repo, { queueMax: 3, batchSize: 2, flushIntervalMs: 60_000 }, silentLogger());
  w.append(rec('a'));
  w.append(rec('b')); // batch [a, b] in flight
  for (const id of ['c', 'd', 'e']) w.append(rec(id)); // queue a..e exceeds 3: a and b dropped
  g.release();
  await new Promise((r) => setImmediate(r));
  assert.equal(w.getStats().queued, 3, 'c, d and e are still queued');
  const closing = w.close();
  for (let i = 0; i < 2; i++) {
    await new Promise((r) => setImmediate(r));
    g.release();
  }
  await closing;
  assert.deepEqual(g.written, [['a', 'b'], ['c', 'd'], ['e']]);
});

async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
}

test('a record goes to the store within flushIntervalMs of its append, with no explicit flush', async () => {
  const { repo, written } = fakeRepo(() => false);
  const w = new RecordWriter(repo, { queueMax: 100, batchSize: 100, flushIntervalMs: 20 }, silentLogger());
  w.append(rec('a'));
  w.append(rec('b'));
  assert.deepEqual(written, [], 'not written synchronously: records finished together share a transaction');
  await until(() => written.length > 0);
  assert.deepEqual(written, [['a', 'b']]);
  w.append(rec('c'));
  await until(() => written.length > 1);
  assert.deepEqual(written, [['a', 'b'], ['c']]);
  await w.close();
});

test('records that finish during a write are written by the next one on their own, once it completes', async () => {
  const g = gatedRepo();
  const w = new RecordWriter(g.repo, { queueMax: 100, batchSize: 100, flushIntervalMs: 10 }, silentLogger());
  w.append(rec('a'));
  await until(() => g.started() === 1);
  w.append(rec('b'));
  w.append(rec('c'));
  g.release();
  await until(() => g.started() === 2);
  assert.deepEqual(g.written, [['a']]);
  g.release();
  await until(() => g.written.length === 2);
  assert.deepEqual(g.written, [['a'], ['b', 'c']]);
  await w.close();
});

test('a failing store is retried after retryMs, not at every append', async () => {
  let calls = 0;
  let down = true;
  const written: string[] = [];
  const repo: RecordRepository = {
    insertBatch: async (rs) => {
      calls++;
      if (down) throw new Error('disk full');
      written.push(...rs.map((r) => r.id));
    },
    list: async () => [],
    deleteOlderThan: async () => 0,
  };
  const w = new RecordWriter(repo, { queueMax: 100, batchSize: 2, flushIntervalMs: 5, retryMs: 60_000 }, silentLogger());
  w.append(rec('a'));
  await until(() => calls === 1);
  for (const id of ['b', 'c', 'd', 'e']) w.append(rec(id));
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(calls, 1, 'full batches wait for the retry instead of hammering a failing store');
  down = false;
  await w.close();
  assert.deepEqual(written, ['a', 'b', 'c', 'd', 'e']);
});
