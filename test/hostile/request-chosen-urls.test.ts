import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startEmulator, type Emulator } from '../emulator/server.ts';
import { errorBody, startHarness, UPSTREAM_KEY, type Harness } from '../integration/gateway-harness.ts';
import { startChildGateway, type ChildGateway } from './child-gateway.ts';
import { assertServing, rawJson, rawRequest } from './raw-http.ts';

/** A server nobody configured: any request it receives is a request the gateway was steered into making. */
async function startCanary(): Promise<{ url: string; hits: IncomingMessage[]; close: () => Promise<void> }> {
  const hits: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hits, close: () => new Promise((r) => server.close(() => r())) };
}

const yaml = (gemini: string) => (u: string[]) => `
upstream_defaults:
  timeouts: { connect_ms: 2000, first_byte_ms: 1500, idle_ms: 1000, total_ms: 10000 }
providers:
  emu0: { type: openai, base_url: ${u[0]}/v1, api_key: ${UPSTREAM_KEY} }
  gem: { type: gemini, base_url: ${gemini}/v1beta, api_key: ${UPSTREAM_KEY} }
models:
  gpt-4o-mini: emu0/gpt-4o-mini
  gemini-flash: gem/gemini-2.0-flash
  g/*: gem/*
`;

describe('request-chosen URLs and path traversal: the gateway calls configured upstreams only', () => {
  let h: Harness;
  let gem: Emulator;
  let canary: Awaited<ReturnType<typeof startCanary>>;
  before(async () => {
    canary = await startCanary();
    gem = await startEmulator({ provider: 'gemini', apiKey: UPSTREAM_KEY, quiet: true });
    h = await startHarness({ yaml: yaml(gem.url) });
  });
  after(async () => {
    await h.close();
    await gem.close();
    await canary.close();
  });

  const ask = (model: string, extra: Record<string, unknown> = {}, path = '/v1/chat/completions') =>
    h.post(path, { model, messages: [{ role: 'user', content: 'x' }], ...(path === '/v1/messages' ? { max_tokens: 16 } : {}), ...extra });
  const steering = () => ({ api_base: canary.url, base_url: canary.url + '/v1', api_key: 'sk-attacker', url: canary.url, endpoint: canary.url, extra_headers: { host: new URL(canary.url).host } });

  test('api_base / base_url / url / endpoint / api_key in an OpenAI chat body: served by the configured upstream only (or refused)', async () => {
    const before = h.emulator.log.entries().length;
    const res = await ask('gpt-4o-mini', steering());
    assert.equal(canary.hits.length, 0);
    if (res.status === 400) {
      // With the identity path's field allow-list the request is refused before any upstream call.
      assert.equal((await errorBody(res)).code, 'unknown_field');
      assert.equal(h.emulator.log.entries().length, before);
      return;
    }
    assert.equal(res.status, 200);
    await res.arrayBuffer();
    const last = h.emulator.log.entries().at(-1)!;
    assert.equal(last.path, '/v1/chat/completions');
    assert.equal(last.headers.authorization, `Bearer ${UPSTREAM_KEY}`, 'the configured key, never the body\'s api_key');
  });

  test('the same fields on a translated route (Anthropic Messages in, Gemini out): canary untouched, Gemini path fixed', async () => {
    const res = await ask('gemini-flash', steering(), '/v1/messages');
    assert.equal(res.status, 200, await res.clone().text());
    await res.arrayBuffer();
    assert.equal(canary.hits.length, 0);
    const last = gem.log.entries().at(-1)!;
    assert.equal(last.path, '/v1beta/models/gemini-2.0-flash:generateContent');
    for (const field of ['api_base', 'base_url', 'api_key', 'url', 'endpoint']) assert.ok(!(field in (last.body as object)), `${field} is not sent to Gemini`);
  });

  test('a model name that is a URL is never a destination → 404 model_not_found (or 400 invalid_model_name under the model-name rule)', async () => {
    const res = await ask(canary.url + '/v1/x');
    const code = (await errorBody(res)).code;
    assert.ok((res.status === 404 && code === 'model_not_found') || (res.status === 400 && code === 'invalid_model_name'), `${res.status} ${code}`);
    assert.equal(canary.hits.length, 0);
  });

  test('an absolute-form request target naming another host → 404 unknown_endpoint, nothing sent anywhere', async () => {
    const before = h.emulator.log.entries().length;
    const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] });
    const reply = await rawRequest(h.url, `POST ${canary.url}/v1/chat/completions HTTP/1.1\r\nHost: ${new URL(canary.url).host}\r\nAuthorization: Bearer ${h.secret}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    assert.equal(reply.status, 404);
    assert.equal(rawJson(reply).error?.code, 'unknown_endpoint');
    assert.equal(canary.hits.length, 0);
    assert.equal(h.emulator.log.entries().length, before);
  });

  test('Host and X-Forwarded-* games: served by the configured upstream, with its own Host, and none of them forwarded', async () => {
    const res = await h.post('/v1/chat/completions', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }, {
      'x-forwarded-host': new URL(canary.url).host, 'x-forwarded-proto': 'https', forwarded: `host=${new URL(canary.url).host}`, 'x-original-url': canary.url, 'x-rewrite-url': canary.url,
    });
    assert.equal(res.status, 200);
    await res.arrayBuffer();
    const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] });
    const reply = await rawRequest(h.url, `POST /v1/chat/completions HTTP/1.1\r\nHost: ${new URL(canary.url).host}\r\nAuthorization: Bearer ${h.secret}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    assert.equal(reply.status, 200);
    const [a, b] = h.emulator.log.entries().slice(-2);
    for (const e of [a, b]) {
      assert.equal(e.headers.host, new URL(h.emulator.url).host);
      for (const name of ['x-forwarded-host', 'x-forwarded-proto', 'forwarded', 'x-original-url', 'x-rewrite-url']) assert.equal(e.headers[name], undefined, name);
    }
    assert.equal(canary.hits.length, 0);
  });

  const traversal: [string, number, string][] = [
    ['/v1/../admin/v1/keys', 404, 'unknown_endpoint'],
    ['/v1/%2e%2e/admin/v1/keys', 404, 'unknown_endpoint'],
    ['/v1/%2E%2E%2Fadmin%2Fv1%2Fkeys', 404, 'unknown_endpoint'],
    ['//v1/chat/completions', 404, 'unknown_endpoint'],
    ['/v1//chat/completions', 404, 'unknown_endpoint'],
    ['/v1/chat/completions/', 404, 'unknown_endpoint'],
    ['/v1/chat%2Fcompletions', 404, 'unknown_endpoint'],
    ['/v1/./chat/completions', 404, 'unknown_endpoint'],
    ['/healthz/../admin/v1/keys', 404, 'unknown_endpoint'],
    ['/admin/v1/../../v1/models', 401, 'missing_api_key'],
  ];
  for (const [path, status, code] of traversal) {
    test(`path games: GET ${path} → ${status} ${code} (never another endpoint's answer)`, async () => {
      const reply = await rawRequest(h.url, `GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
      assert.equal(reply.status, status);
      assert.equal(rawJson(reply).error?.code, code);
    });
  }

  test('a query string cannot change the endpoint: /v1/models?path=../admin → the model list', async () => {
    const res = await fetch(h.url + '/v1/models?path=../admin/v1/keys&url=' + encodeURIComponent(canary.url), { headers: { authorization: `Bearer ${h.secret}` } });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { object: string }).object, 'list');
  });

  test('nothing ever reached the canary, and the gateway still serves', async () => {
    assert.equal(canary.hits.length, 0);
    await assertServing(h.url);
  });

  test('an unknown top-level field (api_base) on an openai route → 400 unknown_field naming it', async () => {
    const res = await ask('gpt-4o-mini', { api_base: canary.url });
    assert.equal(res.status, 400);
    const e = (await errorBody(res)) as { code: string; message: string; param?: string };
    assert.equal(e.code, 'unknown_field');
    assert.match(e.message, /api_base/);
  });

  test('a wildcard Gemini route: "..", "/" and "%" in the model name never change the upstream path', async () => {
    const before = gem.log.entries().length;
    for (const name of ['g/../../v1/models', 'g/a/b', 'g/..', 'g/%2e%2e%2fx', 'g/x?key=1', 'g/x#y']) {
      const res = await ask(name);
      await res.arrayBuffer();
      if (res.status === 400) continue;
      const entry = gem.log.entries().at(-1)!;
      assert.match(entry.path, /^\/v1beta\/models\/[^/?#]+:generateContent$/, `${name} → ${entry.path}`);
      assert.ok(!entry.path.includes('/../'), `${name} → ${entry.path}`);
    }
    assert.ok(gem.log.entries().length >= before);
  });
});

describe('model names that reach a response header (a gateway in its own process, which must keep serving)', () => {
  let gw: ChildGateway;
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ apiKey: UPSTREAM_KEY, quiet: true });
    gw = await startChildGateway(`
providers:
  emu0: { type: openai, base_url: ${emu.url}/v1, api_key: ${UPSTREAM_KEY} }
models:
  gpt-4o-mini: emu0/gpt-4o-mini
  "*": emu0/*
`);
  });
  after(async () => {
    await gw.close();
    await emu.close();
  });

  for (const [label, model] of [['non-Latin-1 characters', 'gpt-模型-€'], ['CR/LF', 'gpt\r\nx-injected: 1']]) {
    test(`a requested model name with ${label} → 400 invalid_model_name, and the gateway keeps serving`, async () => {
      const res = await fetch(gw.url + '/v1/chat/completions', {
        method: 'POST', signal: AbortSignal.timeout(5_000),
        headers: { authorization: `Bearer ${gw.secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model, messages: [{ role: 'user', content: 'x' }] }),
      });
      assert.equal(res.status, 400);
      assert.equal((await errorBody(res)).code, 'invalid_model_name');
      assert.equal(res.headers.get('x-injected'), null);
      assert.ok(gw.alive(), 'the gateway process is still running');
      await assertServing(gw.url);
    });
  }
});
