import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from './sqlite-store.ts';
import type { RequestRecord, VirtualKeyRecord } from '../store-types.ts';

const key = (id: string): VirtualKeyRecord => ({
  id, name: `k-${id}`, prefix: 'sk-sy-abcd', hash: `hash-${id}`, role: 'user', models: ['gpt-4o-mini'],
  createdAt: 1000, expiresAt: null, revokedAt: null,
});

const record = (id: string, startedAt: number): RequestRecord => ({
  id, startedAt, keyId: 'key_1', endpoint: 'chat.completions', requestedModel: 'm', provider: 'p', upstreamModel: 'um',
  stream: true, status: 200, errorClass: null, errorMessage: null, latencyMs: 12, ttftMs: 3,
  usage: { inputUncached: 10, inputCacheRead: 2, inputCacheWrite: 0, outputText: 5, outputReasoning: 1 },
  usageSource: 'reported', costMicros: 42, attempts: 1,
});

test('sqlite store: migrations are idempotent, keys and records round-trip', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sy-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const store = openSqliteStore(dir);
  try {
    const first = await store.migrate();
    assert.deepEqual(first.applied, ['0001_virtual_keys_and_request_records']);
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
