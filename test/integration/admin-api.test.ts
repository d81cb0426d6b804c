import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorBody, MASTER_KEY, startHarness, type Harness } from './gateway-harness.ts';

describe('admin API', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  const admin = (path: string, init: RequestInit = {}, token = MASTER_KEY) =>
    fetch(h.url + '/admin/v1' + path, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });

  test('requires the master key', async () => {
    assert.equal((await fetch(h.url + '/admin/v1/keys')).status, 401);
    const res = await admin('/keys', {}, 'wrong-master-key-0123456789');
    assert.equal(res.status, 401);
  });

  test('create → use → list → get → revoke', async () => {
    const created = await admin('/keys', { method: 'POST', body: JSON.stringify({ name: 'team-a', models: ['gpt-4o-mini'], expires_in: '30d' }) });
    assert.equal(created.status, 201);
    const k = (await created.json()) as { id: string; key: string; prefix: string; status: string; expires_at: string; models: string[] };
    assert.match(k.key, /^sk-sy-/);
    assert.ok(k.key.startsWith(k.prefix));
    assert.equal(k.status, 'active');
    assert.deepEqual(k.models, ['gpt-4o-mini']);
    assert.ok(Date.parse(k.expires_at) > Date.now() + 29 * 86_400_000);

    const use = await h.post('/v1/chat/completions', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }, { authorization: `Bearer ${k.key}` });
    assert.equal(use.status, 200, 'a key created over the admin API works at once');

    const list = (await (await admin('/keys')).json()) as { data: Record<string, unknown>[] };
    const listed = list.data.find((x) => x.id === k.id)!;
    assert.ok(listed);
    assert.equal(listed.key, undefined, 'secrets are never listed');
    assert.equal(listed.hash, undefined, 'hashes are never listed');

    assert.equal((await admin('/keys/' + k.id)).status, 200);
    const revoked = (await (await admin('/keys/' + k.id, { method: 'DELETE' })).json()) as { status: string };
    assert.equal(revoked.status, 'revoked');
    assert.equal((await admin('/keys/key_doesnotexist', { method: 'DELETE' })).status, 404);
  });

  test('rejects bad key requests with clear errors', async () => {
    const cases: [unknown, string][] = [
      [{}, 'invalid_name'],
      [{ name: 'x', models: 'gpt-4o-mini' }, 'invalid_models'],
      [{ name: 'x', models: ['no-such-model'] }, 'unknown_model'],
      [{ name: 'x', expires_in: 'soon' }, 'invalid_key_request'],
      [{ name: 'x', role: 'root' }, 'invalid_role'],
      [{ name: 'x', colour: 'blue' }, 'unknown_field'],
    ];
    for (const [body, code] of cases) {
      const res = await admin('/keys', { method: 'POST', body: JSON.stringify(body) });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal((await errorBody(res)).code, code);
    }
  });

  test('an admin-role key may call the admin API; a user key may not', async () => {
    const adminKey = await h.newKey({ name: 'ops', role: 'admin' });
    const userKey = await h.newKey({ name: 'app' });
    assert.equal((await admin('/keys', {}, adminKey)).status, 200);
    const res = await admin('/keys', {}, userKey);
    assert.equal(res.status, 403);
    assert.equal((await errorBody(res)).code, 'admin_role_required');
  });

  test('lists request records', async () => {
    await h.post('/v1/chat/completions', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi [emu tokens=2]' }] });
    await h.gateway.records.flush();
    const res = await admin('/requests?limit=1');
    const { data } = (await res.json()) as { data: { status: number; usage: { output_text_tokens: number }; cost_usd: string }[] };
    assert.equal(data.length, 1);
    assert.equal(data[0].usage.output_text_tokens, 2);
    assert.match(data[0].cost_usd, /^\d+\.\d{6}$/);
    assert.equal((await admin('/requests?limit=abc')).status, 400);
  });

  test('a reused caller request id keeps every request recorded under its own id, and finds them all', async () => {
    const body = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi [emu tokens=3]' }] };
    const first = await h.post('/v1/chat/completions', body, { 'x-request-id': 'job-42' });
    const second = await h.post('/v1/chat/completions', body, { 'x-client-request-id': 'job-42' });
    const unsafe = await h.post('/v1/chat/completions', body, { 'x-request-id': 'not safe!' });
    const ids = [first, second, unsafe].map((r) => r.headers.get('x-request-id')!);
    for (const id of ids) assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(new Set(ids).size, 3, 'the gateway always issues its own id');
    assert.equal(first.headers.get('x-client-request-id'), 'job-42');
    assert.equal(second.headers.get('x-client-request-id'), 'job-42');
    assert.equal(unsafe.headers.get('x-client-request-id'), null);
    await h.gateway.records.flush();
    const { data } = (await (await admin('/requests?client_request_id=job-42')).json()) as { data: { id: string; client_request_id: string; usage: { output_text_tokens: number } }[] };
    assert.deepEqual(data.map((r) => r.id).sort(), ids.slice(0, 2).sort(), 'both requests are recorded and metered');
    assert.ok(data.every((r) => r.client_request_id === 'job-42' && r.usage.output_text_tokens === 3));
  });

  test('every data-plane response carries the ids: answers, streams, errors, unknown endpoints and wrong methods', async () => {
    const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi [emu tokens=2]' }] };
    const auth = { authorization: `Bearer ${h.secret}`, 'x-client-request-id': 'trace-7' };
    const responses = await Promise.all([
      h.post('/v1/chat/completions', chat, { 'x-client-request-id': 'trace-7' }),
      h.post('/v1/chat/completions', { ...chat, stream: true }, { 'x-client-request-id': 'trace-7' }),
      h.post('/v1/chat/completions', { ...chat, model: 'no-such-model' }, { 'x-client-request-id': 'trace-7' }),
      fetch(h.url + '/v1/chat/completions', { method: 'POST', headers: { 'x-client-request-id': 'trace-7' }, body: '{}' }),
      fetch(h.url + '/v1/models', { headers: auth }),
      fetch(h.url + '/v1/nowhere', { headers: auth }),
      fetch(h.url + '/v1/models', { method: 'DELETE', headers: auth }),
    ]);
    assert.deepEqual(responses.map((r) => r.status), [200, 200, 404, 401, 200, 404, 405]);
    for (const r of responses) {
      assert.match(r.headers.get('x-request-id') ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-7/, `status ${r.status}`);
      assert.equal(r.headers.get('x-client-request-id'), 'trace-7', `status ${r.status}`);
      await r.arrayBuffer();
    }
  });

  test('serves its OpenAPI document', async () => {
    const doc = (await (await fetch(h.url + '/admin/v1/openapi.json')).json()) as { openapi: string; paths: Record<string, unknown> };
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/keys']);
  });

  test('health, readiness and metrics', async () => {
    assert.equal((await fetch(h.url + '/healthz')).status, 200);
    assert.equal((await fetch(h.url + '/readyz')).status, 200);
    const metrics = await (await fetch(h.url + '/metrics')).text();
    assert.match(metrics, /switchyard_requests_total\{endpoint="chat.completions",model="gpt-4o-mini",provider="emu0",status="200"\} \d+/);
    assert.match(metrics, /# TYPE switchyard_request_duration_seconds histogram/);
    assert.doesNotMatch(metrics, /sk-sy-|emulator-upstream-secret/);
  });
});

describe('admin API without a master key', () => {
  test('is disabled with an explanation', async () => {
    const h = await startHarness({ masterKey: '' });
    try {
      const res = await fetch(h.url + '/admin/v1/keys', { headers: { authorization: 'Bearer anything-at-all-here' } });
      assert.equal(res.status, 503);
      assert.match((await errorBody(res)).message, /SWITCHYARD_MASTER_KEY/);
    } finally {
      await h.close();
    }
  });
});
