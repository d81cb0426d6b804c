import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { errorBody, flushedRecords, startHarness, UPSTREAM_KEY, type Harness } from './gateway-harness.ts';

/**
 * A provider whose one connection is held by a hung request: the next request waits at most
 * `connection_wait_ms` for it (or is refused at once past `connection_queue_max`), then fails over
 * with `pool_saturated`, which does not count against the provider's breaker.
 */
describe('bounded wait for an upstream connection', () => {
  let h: Harness;
  const holders: AbortController[] = [];
  before(async () => {
    h = await startHarness({
      emulators: 2,
      yaml: (u) => `
upstream_defaults:
  timeouts: { connect_ms: 2000, first_byte_ms: 30000, idle_ms: 30000, total_ms: 60000 }
providers:
  tiny: { type: openai, base_url: ${u[0]}/v1, api_key: ${UPSTREAM_KEY}, max_connections: 1, connection_wait_ms: 100 }
  nowait: { type: openai, base_url: ${u[0]}/v1, api_key: ${UPSTREAM_KEY}, max_connections: 1, connection_queue_max: 0 }
  spare: { type: openai, base_url: ${u[1]}/v1, api_key: ${UPSTREAM_KEY} }
routing:
  breaker: { consecutive_failures: 1, min_requests: 1 }
models:
  tiny-then-spare: { targets: [tiny/gpt-4o-mini, spare/gpt-4o-mini] }
  tiny-only: tiny/gpt-4o-mini
  nowait-only: nowait/gpt-4o-mini
`,
    });
  });
  after(async () => {
    for (const c of holders) c.abort();
    await h.close();
  });

  /** Sends a request that hangs upstream on `model`'s provider, and resolves once the emulator holds it. */
  async function hold(model: string): Promise<void> {
    const ctrl = new AbortController();
    holders.push(ctrl);
    const seen = h.emulator.log.entries().length;
    void fetch(h.url + '/v1/chat/completions', {
      method: 'POST',
      signal: ctrl.signal,
      headers: { authorization: `Bearer ${h.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'hold [emu hang=1]' }] }),
    }).catch(() => {});
    await h.emulator.log.waitFor((e) => e.id > seen && e.outcome === 'hung');
  }

  test('a request that finds the pool busy fails over to the next target after the wait; the attempt says pool_saturated', async () => {
    await hold('tiny-then-spare');
    const res = await h.post('/v1/chat/completions', { model: 'tiny-then-spare', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-switchyard-provider'), 'spare');
    assert.equal(res.headers.get('x-switchyard-attempts'), '2');
    const id = res.headers.get('x-request-id');
    await res.text();
    const rec = (await flushedRecords(h)).find((r) => r.id === id)!;
    assert.deepEqual(rec.attemptLog.map((a) => [a.provider, a.outcome]), [['tiny', 'pool_saturated'], ['spare', 'ok']]);
    assert.equal(h.emulators[1].log.entries().length, 1);

    const again = await h.post('/v1/chat/completions', { model: 'tiny-then-spare', messages: [{ role: 'user', content: 'hi' }] });
    await again.text();
    const rec2 = (await flushedRecords(h)).find((r) => r.id === again.headers.get('x-request-id'))!;
    assert.equal(rec2.attemptLog[0].outcome, 'pool_saturated', 'a saturated pool does not open the breaker (consecutive_failures: 1)');
  });

  test('with no other target, the client gets a 503 pool_saturated naming the provider', async () => {
    const res = await h.post('/v1/chat/completions', { model: 'tiny-only', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(res.status, 503);
    const err = await errorBody(res);
    assert.equal(err.code, 'pool_saturated');
    assert.match(err.message, /provider tiny's connection pool is saturated: no connection became free within \d+ ms/);
  });

  test('past connection_queue_max a request is refused at once; a freed connection serves the next one', async () => {
    const controllers = holders.length;
    await hold('nowait-only');
    const res = await h.post('/v1/chat/completions', { model: 'nowait-only', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(res.status, 503);
    assert.match((await errorBody(res)).message, /all 1 connections are busy and 0 requests are already waiting/);
    holders[controllers].abort();
    const provider = h.gateway.runtime().providers.get('nowait')!;
    while (provider.endpoint.gate.running > 0) await new Promise((r) => setTimeout(r, 10));
    const ok = await h.post('/v1/chat/completions', { model: 'nowait-only', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(ok.status, 200);
  });
});
