import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MASTER_KEY, startGatewayFromYaml, startHarness, UPSTREAM_KEY, type Harness, type YamlGateway } from './gateway-harness.ts';
import { freePort } from './child-process-helpers.ts';

const PROVIDERS = `
providers:
  emu: { type: openai, base_url: http://127.0.0.1:9/v1, api_key: k }
models:
  m: emu/gpt-4o-mini
`;

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

describe('/metrics size under client-chosen model names', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      yaml: (u) => `
providers:
  emu: { type: openai, base_url: ${u[0]}/v1, api_key: ${UPSTREAM_KEY} }
models:
  emu/*: emu/*
`,
    });
  });
  after(() => h.close());

  test('150 names through a wildcard route and 50 unknown names: one model series; target series capped, the rest under target="other"', async () => {
    for (let i = 0; i < 150; i++) await (await h.post('/v1/chat/completions', { model: `emu/client-${i}`, messages: [{ role: 'user', content: 'hi' }] })).text();
    for (let i = 0; i < 50; i++) await (await h.post('/v1/chat/completions', { model: `unknown-${i}`, messages: [{ role: 'user', content: 'hi' }] })).text();
    const text = await (await scrape(h.url)).text();
    assert.doesNotMatch(text, /unknown-/);
    const requests = text.split('\n').filter((l) => l.startsWith('switchyard_requests_total'));
    assert.ok(requests.every((l) => /model="(emu\/\*|)"/.test(l)), requests.join('\n'));
    assert.ok(requests.some((l) => l.includes('model="emu/*"')));
    const targets = new Set([...text.matchAll(/switchyard_upstream_attempts_total\{target="([^"]+)"/g)].map((m) => m[1]));
    assert.equal(targets.size, 101, 'the first 100 wildcard targets plus "other"');
    assert.ok(targets.has('other'));
    assert.match(text, /^switchyard_upstream_attempts_total\{target="other",outcome="\w+"\} 50$/m);
  });
});
