import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorBody, startHarness, type Harness } from './gateway-harness.ts';

const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] };

describe('data-plane authentication', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  const expectAuthError = async (headers: Record<string, string>, status: number, code: string) => {
    const res = await fetch(h.url + '/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(chat) });
    assert.equal(res.status, status);
    const e = await errorBody(res);
    assert.equal(e.code, code);
    assert.ok(e.message.length > 10);
    return e;
  };

  test('missing key → 401 missing_api_key', async () => {
    await expectAuthError({}, 401, 'missing_api_key');
  });
  test('malformed header → 401 malformed_api_key', async () => {
    await expectAuthError({ authorization: 'Basic abc' }, 401, 'malformed_api_key');
  });
  test('malformed key → 401 malformed_api_key', async () => {
    await expectAuthError({ authorization: 'Bearer not-a-key' }, 401, 'malformed_api_key');
  });
  test('unknown key → 401 invalid_api_key and the key is not echoed', async () => {
    const e = await expectAuthError({ authorization: 'Bearer sk-sy-ABCDEFGHIJKLMNOPQRSTUVWXYZ012345' }, 401, 'invalid_api_key');
    assert.doesNotMatch(e.message, /ABCDEFGHIJKLMNOP/);
  });

  test('revoked key (admin API) → 401 revoked_api_key on the very next request', async () => {
    const secret = await h.newKey({ name: 'to-revoke' });
    const ok = await h.post('/v1/chat/completions', chat, { authorization: `Bearer ${secret}` });
    assert.equal(ok.status, 200);
    const id = (await h.store.keys.list()).find((k) => k.name === 'to-revoke')!.id;
    const del = await fetch(`${h.url}/admin/v1/keys/${id}`, { method: 'DELETE', headers: { authorization: 'Bearer test-master-key-0123456789' } });
    assert.equal(del.status, 200);
    await expectAuthError({ authorization: `Bearer ${secret}` }, 401, 'revoked_api_key');
  });

  test('revoked by another process (store) → picked up by the key poller', async () => {
    const secret = await h.newKey({ name: 'cli-revoke' });
    const id = (await h.store.keys.list()).find((k) => k.name === 'cli-revoke')!.id;
    await h.store.keys.revoke(id, Date.now());
    await new Promise((r) => setTimeout(r, 300));
    await expectAuthError({ authorization: `Bearer ${secret}` }, 401, 'revoked_api_key');
  });

  test('expired key → 401 expired_api_key', async () => {
    const secret = await h.newKey({ name: 'short', expiresAt: Date.now() + 150 });
    await new Promise((r) => setTimeout(r, 200));
    await expectAuthError({ authorization: `Bearer ${secret}` }, 401, 'expired_api_key');
  });

  test('model not allowed → 403 model_not_allowed', async () => {
    const secret = await h.newKey({ name: 'embed-only', models: ['text-embedding-3-small'] });
    const e = await expectAuthError({ authorization: `Bearer ${secret}` }, 403, 'model_not_allowed');
    assert.match(e.message, /gpt-4o-mini/);
  });

  test('an invalid-key flood writes no record rows and moves the auth-failure counter', async () => {
    const failures = async () => {
      const text = await (await fetch(h.url + '/metrics')).text();
      const values = [...text.matchAll(/^switchyard_auth_failures_total\{reason="(\w+)"\} (\d+)$/gm)];
      return Object.fromEntries(values.map((m) => [m[1], Number(m[2])]));
    };
    const before = await failures();
    await h.gateway.records.flush();
    const rowsBefore = (await h.store.records.list({ limit: 10_000 })).length;
    const flood = Array.from({ length: 200 }, (_, i) =>
      fetch(h.url + '/v1/chat/completions', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer sk-sy-flood${String(i).padStart(38, '0')}` }, body: JSON.stringify(chat) }).then((r) => r.status),
    );
    const missing = Array.from({ length: 50 }, () => fetch(h.url + '/v1/models').then((r) => r.status));
    assert.deepEqual(new Set(await Promise.all([...flood, ...missing])), new Set([401]));
    await h.gateway.records.flush();
    assert.equal((await h.store.records.list({ limit: 10_000 })).length, rowsBefore, 'no row per failed authentication');
    const after = await failures();
    assert.equal((after.invalid_api_key ?? 0) - (before.invalid_api_key ?? 0), 200);
    assert.equal((after.missing_api_key ?? 0) - (before.missing_api_key ?? 0), 50);
  });

  test('a key holder refused a model is still recorded, with its key id', async () => {
    await h.gateway.records.flush();
    const recs = await h.store.records.list({ limit: 200 });
    assert.ok(recs.some((r) => r.errorClass === 'auth' && r.status === 403 && r.keyId !== null));
    assert.ok(!recs.some((r) => r.status === 401), 'failed authentications leave no rows');
  });
});
