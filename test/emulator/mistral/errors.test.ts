import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mistralAdapter } from '../../../src/providers/mistral/mistral-adapter.ts';
import { startEmulator, type Emulator } from '../server.ts';
import { MISTRAL_KEY, mistralProvider, sendThroughAdapter, userRequest } from './adapter-client.ts';

async function classify(emulator: Emulator, res: Response) {
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  return mistralAdapter.classifyError(res.status, headers, await res.text(), mistralProvider(emulator).id);
}

describe('Mistral emulator: error envelopes and their classification', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ provider: 'mistral', apiKey: MISTRAL_KEY });
  });
  after(() => emulator.close());

  it('429 with retry_after: Mistral rate_limited body, classified as rate limited with retry-after', async () => {
    const res = await sendThroughAdapter(emulator, userRequest('x [emu status=429 retry_after=2]'));
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '2');
    const text = await res.clone().text();
    assert.deepEqual(JSON.parse(text), { object: 'error', message: 'Requests rate limit exceeded', type: 'rate_limited', param: null, code: '1300' });
    const f = await classify(emulator, res);
    assert.deepEqual([f.errorClass, f.action, f.retryAfterMs], ['rate_limited', 'failover', 2000]);
  });

  it('a wrong key gets the gateway 401 shape and fails over as upstream auth', async () => {
    const res = await fetch(`${emulator.url}/v1/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer nope', 'content-type': 'application/json' }, body: '{}' });
    assert.equal(res.status, 401);
    const body = await res.clone().json() as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['message', 'request_id']);
    assert.equal((await classify(emulator, res)).errorClass, 'upstream_auth');
  });

  it('5xx fail over; context_length_exceeded and model_not_found return with their codes', async () => {
    for (const [marker, cls, action, code] of [
      ['status=503', 'upstream_unavailable', 'failover', 'upstream_unavailable'],
      ['status=500', 'upstream_error', 'failover', 'upstream_server_error'],
      ['status=400 error_code=context_length_exceeded', 'invalid_request', 'return', 'context_length_exceeded'],
      ['status=404', 'not_found', 'return', 'model_not_found'],
      ['status=400 error_code=custom error_message=nope', 'invalid_request', 'return', 'upstream_invalid_request'],
    ]) {
      const f = await classify(emulator, await sendThroughAdapter(emulator, userRequest(`x [emu ${marker}]`)));
      assert.deepEqual([f.errorClass, f.action, f.clientError.code], [cls, action, code], marker);
    }
  });

  it('hang never answers; fail_rate=1 answers 503', async () => {
    const controller = new AbortController();
    const pending = fetch(`${emulator.url}/v1/chat/completions`, {
      method: 'POST', signal: controller.signal, headers: { authorization: `Bearer ${MISTRAL_KEY}`, 'x-emulator-hang': '1' }, body: '{}',
    }).catch(() => undefined);
    const hung = await emulator.log.waitFor((e) => e.outcome === 'hung', 2000);
    controller.abort();
    await pending;
    assert.equal((await emulator.log.waitFor((e) => e.id === hung.id && e.outcome === 'aborted', 2000)).outcome, 'aborted');
    assert.equal((await sendThroughAdapter(emulator, userRequest('x [emu fail_rate=1]'))).status, 503);
  });
});
