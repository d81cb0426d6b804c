import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type Emulator } from '../server.ts';
import { COHERE_KEY, classify, sendThroughAdapter, userRequest } from './adapter-client.ts';

describe('Cohere emulator: errors and their classification', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ provider: 'cohere', apiKey: COHERE_KEY });
  });
  after(() => emulator.close());

  it('429 carries {id, message} and retry-after; classified as rate limited', async () => {
    const res = await sendThroughAdapter(emulator, userRequest('x [emu status=429 retry_after=4]'));
    assert.deepEqual([res.status, res.headers.get('retry-after')], [429, '4']);
    const body = await res.clone().json() as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['id', 'message']);
    const f = await classify(res);
    assert.deepEqual([f.errorClass, f.action, f.retryAfterMs], ['rate_limited', 'failover', 4000]);
  });

  it('classifies every documented status the emulator can send', async () => {
    for (const [marker, cls, action, code] of [
      ['status=401', 'upstream_auth', 'failover', 'upstream_auth_failed'],
      ['status=498', 'upstream_auth', 'failover', 'upstream_auth_failed'],
      ['status=402', 'upstream_auth', 'failover', 'upstream_payment_required'],
      ['status=499', 'upstream_error', 'failover', 'upstream_server_error'],
      ['status=500', 'upstream_error', 'failover', 'upstream_server_error'],
      ['status=503', 'upstream_unavailable', 'failover', 'upstream_unavailable'],
      ['status=404', 'not_found', 'return', 'model_not_found'],
      ['status=400 error_code=context_length_exceeded', 'invalid_request', 'return', 'context_length_exceeded'],
      ['status=400', 'invalid_request', 'return', 'upstream_invalid_request'],
    ]) {
      const f = await classify(await sendThroughAdapter(emulator, userRequest(`x [emu ${marker}]`)));
      assert.deepEqual([f.errorClass, f.action, f.clientError.code], [cls, action, code], marker);
    }
  });

  it('a wrong key is a 401 invalid api token', async () => {
    const res = await fetch(`${emulator.url}/v2/chat`, { method: 'POST', headers: { authorization: 'Bearer nope' }, body: '{}' });
    assert.equal(res.status, 401);
    assert.equal(((await res.json()) as { message: string }).message, 'invalid api token');
  });
});
