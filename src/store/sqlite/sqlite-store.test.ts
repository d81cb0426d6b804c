import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from './sqlite-store.ts';
import { MIGRATIONS } from '../migrations.ts';
import type { AttemptRecord, RequestRecord, VirtualKeyRecord } from '../store-types.ts';

const key = (id: string): VirtualKeyRecord => ({
  id, name: `k-${id}`, prefix: 'sk-sy-abcd', hash: `hash-${id}`, role: 'user', models: ['gpt-4o-mini'],
  createdAt: 1000, expiresAt: null, revokedAt: null,
});

const record = (id: string, startedAt: number): RequestRecord => ({
  id, clientRequestId: null, startedAt, keyId: 'key_1', endpoint: 'chat.completions', requestedModel: 'm', provider: 'p', upstreamModel: 'um',
  stream: true, status: 200, errorClass: null, errorMessage: null, latencyMs: 12, ttftMs: 3,
  usage: { inputUncached: 10, inputCacheRead: 2, inputCacheWrite: 0, outputText: 5, outputReasoning: 1 },
  usageSource: 'reported', usageInvalid: null, costMicros: 42, attempts: 1, attemptLog: [],
});

const attempt = (provider: string, outcome: AttemptRecord['outcome'], extra: Partial<AttemptRecord> = {}): AttemptRecord => ({
  provider, model: `${provider}-model`, outcome, upstreamStatus: outcome === 'ok' ? 200 : 503, startMs: 0, latencyMs: 5,
  hedge: false, costMicros: null, ...extra,
});

test('sqlite store: migrations are idempotent, keys and records round-trip', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sy-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const store = openSqliteStore(dir);
  try {
    const first = await store.migrate();
    assert.deepEqual(first.applied, MIGRATIONS.map((m) => m.id));
    assert.deepEqual((await store.migrate()).applied, []);

    const rev0 = await store.keys.revision();
    await store.keys.insert(key('key_1'));
    assert.equal(await store.keys.revision(), rev0 + 1);
    assert.deepEqual(await store.keys.get('key_1'), key('key_1'));
    const revoked = await store.keys.revoke('key_1', 5000);
    assert.equal(revoked?.revokedAt, 5000);
    assert.equal((await store.keys.revoke('key_1', 9000))?.revokedAt, 5000, 'first revocation time is kept');
    assert.equal(await store.keys.revoke('nope', 1), undefined);
    await assert.rejects(store.keys.insert(key('key_1')), /UNIQUE|constraint/i);

    await store.records.insertBatch([record('r1', 1), record('r2', 2)]);
    const rows = await store.records.list({ limit: 10 });
    assert.deepEqual(rows.map((r) => r.id), ['r2', 'r1']);
    assert.deepEqual(rows[1], record('r1', 1));
    assert.deepEqual((await store.records.list({ since: 2 })).map((r) => r.id), ['r2']);
  } finally {
    await store.close();
  }
});

test('sqlite store: attempts round-trip with their records, in start order, one page at a time', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sy-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const store = openSqliteStore(dir);
  try {
    await store.migrate();
    const failedOver: RequestRecord = {
      ...record('r1', 1),
      attempts: 3,
      attemptLog: [
        attempt('alpha', 'upstream_unavailable', { startMs: 0, latencyMs: 31 }),
        attempt('beta', 'cancelled', { startMs: 31, latencyMs: 250, costMicros: 7 }),
        attempt('gamma', 'ok', { startMs: 231, latencyMs: 50, hedge: true, costMicros: 1234 }),
      ],
    };
    const authFailure: RequestRecord = {
      ...record('r2', 2), keyId: null, provider: null, upstreamModel: null, status: 401, errorClass: 'auth',
      errorMessage: 'bad key', costMicros: null, attempts: 0, attemptLog: [],
    };
    const single: RequestRecord = { ...record('r3', 3), attemptLog: [attempt('alpha', 'ok', { latencyMs: 12.6, startMs: 0.4 })] };
    await store.records.insertBatch([failedOver, authFailure, single]);

    const rows = await store.records.list({ limit: 10 });
    assert.deepEqual(rows.map((r) => r.id), ['r3', 'r2', 'r1']);
    assert.deepEqual(rows[2], failedOver);
    assert.deepEqual(rows[1], authFailure);
    assert.deepEqual(rows[0].attemptLog, [attempt('alpha', 'ok', { latencyMs: 13, startMs: 0 })], 'times are stored as whole ms');

    const page = await store.records.list({ limit: 1, since: 1 });
    assert.deepEqual(page.map((r) => [r.id, r.attemptLog.length]), [['r3', 1]]);
  } finally {
    await store.close();
  }
});

test('sqlite store: a retried batch does not duplicate attempts; a bad attempt rolls back its whole batch', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sy-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const store = openSqliteStore(dir);
  try {
    await store.migrate();
    const r1: RequestRecord = { ...record('r1', 1), attemptLog: [attempt('alpha', 'ok')] };
    await store.records.insertBatch([r1]);
    await store.records.insertBatch([r1, { ...record('r2', 2), attemptLog: [attempt('beta', 'ok')] }]);
    const rows = await store.records.list({});
    assert.deepEqual(rows.map((r) => [r.id, r.attemptLog.map((a) => a.provider)]), [['r2', ['beta']], ['r1', ['alpha']]]);

    const broken = { ...attempt('gamma', 'ok'), provider: null } as unknown as AttemptRecord;
    await assert.rejects(store.records.insertBatch([record('r3', 3), { ...record('r4', 4), attemptLog: [broken] }]), /NOT NULL/);
    assert.deepEqual((await store.records.list({})).map((r) => r.id), ['r2', 'r1'], 'no record of the failed batch is stored');
  } finally {
    await store.close();
  }
});
