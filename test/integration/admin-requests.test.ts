import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorBody, MASTER_KEY, startHarness, type Harness } from './gateway-harness.ts';

describe('admin API credentials and list parameters', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  const admin = (path: string, token = MASTER_KEY) => fetch(h.url + '/admin/v1' + path, { headers: { authorization: `Bearer ${token}` } });

  test('a wrong master key is told about the master key, not about sk-sy- prefixes', async () => {
    const wrong = await admin('/keys', 'not-the-master-key-0123456789');
    assert.equal(wrong.status, 401);
    const e = await errorBody(wrong);
    assert.equal(e.code, 'invalid_api_key');
    assert.match(e.message, /master key \(SWITCHYARD_MASTER_KEY/);
    assert.doesNotMatch(e.message, /sk-sy-/);
    const missing = await errorBody(await fetch(h.url + '/admin/v1/keys'));
    assert.equal(missing.code, 'missing_api_key');
    assert.match(missing.message, /SWITCHYARD_MASTER_KEY/);
    const unknownVirtual = await errorBody(await admin('/keys', 'sk-sy-' + 'A'.repeat(43)));
    assert.match(unknownVirtual.message, /neither the master key \(SWITCHYARD_MASTER_KEY\) nor a known virtual key/);
    const user = await errorBody(await admin('/keys', h.secret));
    assert.equal(user.code, 'admin_role_required');
  });

  test('list queries refuse bad parameters with a 400 naming the parameter', async () => {
    const cases: [string, string, string][] = [
      ['/requests?limit=0', 'invalid_limit', 'limit'],
      ['/requests?limit=abc', 'invalid_limit', 'limit'],
      ['/requests?limit=10001', 'invalid_limit', 'limit'],
      ['/requests?since=yesterday', 'invalid_since', 'since'],
      ['/requests?key_id=%00', 'invalid_key_id', 'key_id'],
      ['/requests?model=gpt-4o', 'unknown_parameter', 'model'],
      ['/requests?cursor=abc', 'unknown_parameter', 'cursor'],
      ['/keys?limit=5', 'unknown_parameter', 'limit'],
      ['/targets?provider=openai', 'unknown_parameter', 'provider'],
    ];
    for (const [path, code, param] of cases) {
      const res = await admin(path);
      assert.equal(res.status, 400, path);
      const body = (await res.json()) as { error: { code: string; param: string; message: string } };
      assert.equal(body.error.code, code, path);
      assert.equal(body.error.param, param, path);
      assert.ok(body.error.message.includes(param), body.error.message);
    }
    assert.equal((await admin('/requests?limit=10000&since=2026-01-01T00:00:00Z')).status, 200);
  });
});
