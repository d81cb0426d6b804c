import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { errorBody, MASTER_KEY, startHarness, type Harness } from '../integration/gateway-harness.ts';
import { assertServing, rawJson, rawRequest } from './raw-http.ts';

const CHAT = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] });

describe('hostile credentials and methods', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  /** A chat request with exactly this Authorization header line (or none), over a raw socket so nothing normalizes it. */
  const chatWith = (authLine: string | undefined) => rawRequest(h.url,
    `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n${authLine === undefined ? '' : authLine + '\r\n'}Content-Type: application/json\r\nContent-Length: ${CHAT.length}\r\n\r\n${CHAT}`);
  const refused = async (authLine: string | undefined, code: string, check?: (text: string) => void): Promise<void> => {
    const reply = await chatWith(authLine);
    assert.equal(reply.status, 401, reply.text.slice(0, 300));
    assert.equal(rawJson(reply).error?.code, code);
    assert.match(reply.text, /\r\nwww-authenticate: Bearer\r\n/i);
    check?.(reply.text);
  };

  test('no Authorization header → 401 missing_api_key', () => refused(undefined, 'missing_api_key'));
  test('an empty Authorization header → 401 missing_api_key', () => refused('Authorization:', 'missing_api_key'));
  test('"Bearer" with no token → 401 malformed_api_key', () => refused('Authorization: Bearer', 'malformed_api_key'));
  test('"Bearer" followed only by spaces → 401 malformed_api_key', () => refused('Authorization: Bearer        ', 'malformed_api_key'));
  test('another scheme (Basic) → 401 malformed_api_key', () => refused(`Authorization: Basic ${Buffer.from('a:b').toString('base64')}`, 'malformed_api_key'));
  test('a tab instead of the space after the scheme → 401 malformed_api_key', () => refused(`Authorization: Bearer\t${'sk-sy-x'}`, 'malformed_api_key'));
  test('"Bearer" twice → 401 malformed_api_key', async () => refused(`Authorization: Bearer Bearer ${h.secret}`, 'malformed_api_key'));
  test('a token that is not a virtual key → 401 malformed_api_key', () => refused('Authorization: Bearer hunter2', 'malformed_api_key'));
  test('a well-formed but unknown virtual key → 401 invalid_api_key', () => refused(`Authorization: Bearer sk-sy-${'0'.repeat(40)}`, 'invalid_api_key'));
  test('a 12 KB token → 401 malformed_api_key, and the token is not echoed', async () => {
    const token = 'sk-sy-' + 'A'.repeat(12_000);
    await refused(`Authorization: Bearer ${token}`, 'malformed_api_key', (text) => assert.ok(!text.includes('A'.repeat(100))));
  });
  test('non-ASCII bytes in the token → 401 invalid_api_key', () => refused(Buffer.from(`Authorization: Bearer sk-sy-é€😀${'x'.repeat(20)}`, 'utf8').toString('latin1'), 'invalid_api_key'));
  test('the master key is not a data-plane credential → 401', async () => {
    const reply = await chatWith(`Authorization: Bearer ${MASTER_KEY}`);
    assert.equal(reply.status, 401);
  });

  test('lowercase "bearer" scheme is accepted (schemes are case-insensitive) → 200', async () => {
    const reply = await chatWith(`Authorization: bearer ${h.secret}`);
    assert.equal(reply.status, 200);
  });
  test('extra spaces around the token are ignored → 200', async () => {
    const reply = await chatWith(`Authorization: Bearer      ${h.secret}   `);
    assert.equal(reply.status, 200);
  });
  test('two Authorization headers: only the first counts (an invalid first one is refused)', async () => {
    const reply = await chatWith(`Authorization: Bearer sk-sy-${'0'.repeat(40)}\r\nAuthorization: Bearer ${h.secret}`);
    assert.equal(reply.status, 401);
  });
  test('x-api-key is accepted on /v1/messages only, not on /v1/chat/completions', async () => {
    const res = await fetch(h.url + '/v1/chat/completions', { method: 'POST', headers: { 'x-api-key': h.secret, 'content-type': 'application/json' }, body: CHAT });
    assert.equal(res.status, 401);
    assert.equal((await errorBody(res)).code, 'missing_api_key');
  });
  test('a key limited to other models → 403 model_not_allowed', async () => {
    const limited = await h.newKey({ name: 'limited', models: ['text-embedding-3-small'] });
    const res = await h.post('/v1/chat/completions', JSON.parse(CHAT), { authorization: `Bearer ${limited}` });
    assert.equal(res.status, 403);
    assert.equal((await errorBody(res)).code, 'model_not_allowed');
  });

  const admin = (path: string, init: RequestInit & { token?: string } = {}) =>
    fetch(h.url + '/admin/v1' + path, { ...init, headers: { ...(init.token !== undefined ? { authorization: `Bearer ${init.token}` } : {}), 'content-type': 'application/json' } });

  test('admin API without credentials → 401', async () => assert.equal((await admin('/keys')).status, 401));
  test('admin API with a wrong master key, a prefix of it, or it plus one character → 401', async () => {
    for (const token of ['wrong-master-key-0123456789', MASTER_KEY.slice(0, -1), MASTER_KEY + 'x', MASTER_KEY.toUpperCase()]) {
      const res = await admin('/keys', { token });
      assert.equal(res.status, 401, token);
      assert.ok(!(await res.text()).includes(MASTER_KEY));
    }
  });
  test('admin API with a virtual key without the admin role → 403 admin_role_required', async () => {
    const res = await admin('/keys', { token: h.secret });
    assert.equal(res.status, 403);
    assert.equal((await errorBody(res)).code, 'admin_role_required');
  });
  test('admin writes without credentials change nothing (POST and DELETE → 401)', async () => {
    const before = (await h.store.keys.list()).length;
    assert.equal((await admin('/keys', { method: 'POST', body: JSON.stringify({ name: 'intruder', role: 'admin' }) })).status, 401);
    const [victim] = await h.store.keys.list();
    assert.equal((await admin('/keys/' + victim.id, { method: 'DELETE' })).status, 401);
    assert.equal((await h.store.keys.list()).length, before);
    assert.equal((await h.store.keys.list()).find((k) => k.id === victim.id)?.revokedAt ?? null, null);
  });
  test('admin API with the master key and a lowercase scheme → 200', async () => {
    const res = await fetch(h.url + '/admin/v1/keys', { headers: { authorization: `bearer ${MASTER_KEY}` } });
    assert.equal(res.status, 200);
    await res.arrayBuffer();
  });

  test('method games on the data plane: TRACE, PUT, DELETE, OPTIONS, HEAD → 405 with Allow', async () => {
    for (const [method, path, allow] of [['TRACE', '/v1/chat/completions', 'POST'], ['PUT', '/v1/chat/completions', 'POST'], ['DELETE', '/v1/embeddings', 'POST'], ['OPTIONS', '/v1/messages', 'POST'], ['HEAD', '/v1/models', 'GET']]) {
      const reply = await rawRequest(h.url, `${method} ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${h.secret}\r\nContent-Length: 0\r\n\r\n`, { headersOnly: method === 'HEAD' });
      assert.equal(reply.status, 405, `${method} ${path}`);
      assert.match(reply.text, new RegExp(`\\r\\nallow: ${allow}\\r\\n`, 'i'));
    }
  });
  test('X-HTTP-Method-Override is ignored: GET with an override to POST is still a GET (405 on chat)', async () => {
    const res = await fetch(h.url + '/v1/chat/completions', { headers: { authorization: `Bearer ${h.secret}`, 'x-http-method-override': 'POST' } });
    assert.equal(res.status, 405);
    await res.arrayBuffer();
  });
  test('an admin method that does not exist on the resource → 405 (after authentication)', async () => {
    const res = await fetch(h.url + '/admin/v1/keys', { method: 'PATCH', headers: { authorization: `Bearer ${MASTER_KEY}` } });
    assert.equal(res.status, 405);
    const anonymous = await fetch(h.url + '/admin/v1/keys', { method: 'PATCH' });
    assert.equal(anonymous.status, 401);
  });

  test('only the requests with a valid key reached the upstream', () => assert.equal(h.emulator.log.entries().length, 2));
  test('the gateway still serves', () => assertServing(h.url));
});
