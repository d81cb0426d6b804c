import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { MASTER_KEY, startHarness, UPSTREAM_KEY, type Harness } from '../integration/gateway-harness.ts';
import { assertServing } from './raw-http.ts';

/** Floods that try to grow something without bound: connections, metric series, record rows. */
describe('hostile floods stay bounded', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ yaml: (u) => `
providers:
  emu0: { type: openai, base_url: ${u[0]}/v1, api_key: ${UPSTREAM_KEY} }
models:
  gpt-4o-mini: emu0/gpt-4o-mini
  any/*: emu0/gpt-4o-mini
` });
  });
  after(() => h.close());

  test('300 idle connections held open do not stop the gateway serving', async () => {
    const { hostname, port } = new URL(h.url);
    const sockets: Socket[] = await Promise.all(Array.from({ length: 300 }, () => new Promise<Socket>((resolve, reject) => {
      const s = connect(Number(port), hostname, () => resolve(s));
      s.on('error', reject);
    })));
    try {
      await assertServing(h.url);
      const res = await h.post('/v1/chat/completions', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] });
      assert.equal(res.status, 200);
      await res.arrayBuffer();
    } finally {
      for (const s of sockets) s.destroy();
    }
  });

  test('1,000 distinct model names through a wildcard route do not grow /metrics without bound', async () => {
    for (let i = 0; i < 1000; i += 50) {
      await Promise.all(Array.from({ length: 50 }, async (_, j) => {
        const res = await h.post('/v1/chat/completions', { model: `any/name-${i + j}-${'x'.repeat(40)}`, messages: [{ role: 'user', content: 'x' }] });
        await res.arrayBuffer();
      }));
    }
    const res = await fetch(h.url + '/metrics', { headers: { authorization: `Bearer ${MASTER_KEY}` } });
    assert.equal(res.status, 200);
    const size = (await res.arrayBuffer()).byteLength;
    assert.ok(size < 256 * 1024, `/metrics is ${size} bytes after 1,000 model names`);
  });

  test('200 requests with invalid keys write no record row each', async () => {
    await h.gateway.records.flush();
    const before = (await h.store.records.list({ limit: 100_000 })).length;
    await Promise.all(Array.from({ length: 200 }, async (_, i) => {
      const res = await h.post('/v1/chat/completions', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }, { authorization: `Bearer sk-sy-${String(i).padStart(40, '0')}` });
      assert.equal(res.status, 401);
      await res.arrayBuffer();
    }));
    await h.gateway.records.flush();
    const after = (await h.store.records.list({ limit: 100_000 })).length;
    assert.ok(after - before < 10, `${after - before} rows for 200 invalid-key requests`);
  });

  test('the gateway still serves', () => assertServing(h.url));
});
