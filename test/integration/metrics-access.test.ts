import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { MASTER_KEY, startGatewayFromYaml, type YamlGateway } from './gateway-harness.ts';

const PROVIDERS = `
providers:
  emu: { type: openai, base_url: http://127.0.0.1:9/v1, api_key: k }
models:
  m: emu/gpt-4o-mini
`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const scrape = (base: string, key?: string) => fetch(base + '/metrics', { headers: key === undefined ? {} : { authorization: `Bearer ${key}` } });

describe('server.metrics.auth: master_key', () => {
  let g: YamlGateway;
  before(async () => {
    g = await startGatewayFromYaml(`server:\n  metrics: { auth: master_key }\n${PROVIDERS}`);
  });
  after(() => g.close());

  test('/metrics answers only with the master key; a virtual key or none gets a 401 that says what to send', async () => {
    for (const key of [undefined, g.secret, 'wrong']) {
      const res = await scrape(g.gateway.url, key);
      assert.equal(res.status, 401);
      const body = (await res.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'master_key_required');
      assert.match(body.error.message, /Authorization: Bearer <SWITCHYARD_MASTER_KEY>/);
    }
    const ok = await scrape(g.gateway.url, MASTER_KEY);
    assert.equal(ok.status, 200);
    assert.match(await ok.text(), /^switchyard_in_flight_requests /m);
  });
});

describe('server.metrics.listener: admin', () => {
  let g: YamlGateway;
  before(async () => {
    const adminPort = await freePort();
    g = await startGatewayFromYaml(`server:\n  admin: { port: ${adminPort} }\n  metrics: { listener: admin }\n${PROVIDERS}`);
  });
  after(() => g.close());

  test('/metrics moves to the admin listener and the main listener answers 404', async () => {
    assert.notEqual(g.gateway.adminUrl, g.gateway.url);
    const main = await scrape(g.gateway.url);
    assert.equal(main.status, 404);
    await main.body?.cancel();
    const admin = await scrape(g.gateway.adminUrl);
    assert.equal(admin.status, 200);
    assert.match(await admin.text(), /^switchyard_in_flight_requests /m);
  });
});

describe('server.metrics defaults', () => {
  let g: YamlGateway;
  before(async () => {
    g = await startGatewayFromYaml(PROVIDERS);
  });
  after(() => g.close());

  test('/metrics is on the main listener without authentication', async () => {
    const res = await scrape(g.gateway.url);
    assert.equal(res.status, 200);
    await res.text();
  });
});
