import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from '../integration/gateway-harness.ts';
import { assertServing, rawJson, rawRequest, statuses } from './raw-http.ts';

/**
 * Request framing a proxy in front of the gateway might read differently (request smuggling),
 * and header games, sent over raw sockets because a client library refuses to produce them.
 * Node's HTTP parser is strict (no lenient flags are set); these cases keep it that way.
 */
describe('hostile HTTP framing and headers (raw sockets)', () => {
  let h: Harness;
  let auth: string;
  const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'smuggled' }] });
  before(async () => {
    h = await startHarness({ tweak: (c) => ({ ...c, server: { ...c.server, timeouts: { clientBodyMs: 1_000 } } }) });
    auth = `Authorization: Bearer ${h.secret}\r\nContent-Type: application/json\r\n`;
  });
  after(() => h.close());

  const post = (headers: string, payload: string) => `POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\n${auth}${headers}\r\n${payload}`;
  /** Node answers a request it cannot frame with a bare 400 and closes the connection. */
  const refused = async (text: string, status = 400) => {
    const reply = await rawRequest(h.url, text, { untilClose: true });
    assert.equal(reply.status, status, reply.text.slice(0, 200));
    assert.match(reply.text, /\r\nConnection: close\r\n/i);
    assert.ok(reply.closed, 'the connection is closed after a framing error');
  };

  const framing: [string, () => string][] = [
    ['Content-Length and Transfer-Encoding together (CL.TE) → 400', () => post(`Content-Length: 4\r\nTransfer-Encoding: chunked\r\n`, '0\r\n\r\n')],
    ['two different Content-Length headers → 400', () => post(`Content-Length: ${body.length}\r\nContent-Length: 5\r\n`, body)],
    ['two equal Content-Length headers → 400', () => post(`Content-Length: ${body.length}\r\nContent-Length: ${body.length}\r\n`, body)],
    ['a Content-Length list ("n, n") → 400', () => post(`Content-Length: ${body.length}, ${body.length}\r\n`, body)],
    ['a negative Content-Length → 400', () => post('Content-Length: -1\r\n', body)],
    ['a signed Content-Length ("+n") → 400', () => post(`Content-Length: +${body.length}\r\n`, body)],
    ['Transfer-Encoding: chunked twice → 400', () => post('Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n', '0\r\n\r\n')],
    ['Transfer-Encoding not ending in chunked ("chunked, identity") → 400', () => post('Transfer-Encoding: chunked, identity\r\n', '0\r\n\r\n')],
    ['an unknown transfer coding ("xchunked") → 400', () => post('Transfer-Encoding: xchunked\r\n', '0\r\n\r\n')],
    ['a chunk size that is not hex → 400', () => post('Transfer-Encoding: chunked\r\n', 'zz\r\nabc\r\n0\r\n\r\n')],
    ['a bare CR inside a header value (CR injection) → 400', () => `GET /v1/models HTTP/1.1\r\nHost: x\r\n${auth}X-A: a\rInjected: 1\r\n\r\n`],
    ['bare LF line ends → 400', () => `GET /v1/models HTTP/1.1\nHost: x\nAuthorization: Bearer ${h.secret}\n\n`],
    ['an obsolete folded header line → 400', () => `GET /v1/models HTTP/1.1\r\nHost: x\r\n${auth}X-A: a\r\n  folded\r\n\r\n`],
    ['a NUL byte in a header value → 400', () => `GET /v1/models HTTP/1.1\r\nHost: x\r\n${auth}X-A: a\0b\r\n\r\n`],
    ['whitespace between a header name and its colon → 400', () => `GET /v1/models HTTP/1.1\r\nHost: x\r\nAuthorization : Bearer ${h.secret}\r\n\r\n`],
    ['an unknown method → 400', () => `FOO /v1/models HTTP/1.1\r\nHost: x\r\n${auth}\r\n`],
    ['a lowercase method → 400', () => `get /v1/models HTTP/1.1\r\nHost: x\r\n${auth}\r\n`],
  ];
  for (const [name, text] of framing) test(name, () => refused(text()));

  test('HTTP/1.1 without a Host header → 400', async () => {
    const reply = await rawRequest(h.url, `GET /v1/models HTTP/1.1\r\n${auth}\r\n`, { untilClose: true });
    assert.equal(reply.status, 400);
  });

  test('a header block over server.limits.max_header_bytes → 431, connection closed', () =>
    refused(`GET /v1/models HTTP/1.1\r\nHost: x\r\n${auth}X-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431));
  test('a request line over the header limit (20 KB URL) → 431', () => refused(`GET /v1/models?${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n${auth}\r\n`, 431));

  test('a client request id is echoed only when it is safe (no markup, no Latin-1 bytes, at most 128 characters)', async () => {
    for (const bad of ['<script>x</script>', Buffer.from('id-é', 'utf8').toString('latin1'), 'a'.repeat(129), 'a b']) {
      const reply = await rawRequest(h.url, `GET /v1/models HTTP/1.1\r\nHost: x\r\n${auth}X-Client-Request-Id: ${bad}\r\n\r\n`);
      assert.equal(reply.status, 200);
      assert.doesNotMatch(reply.text, /x-client-request-id/i, JSON.stringify(bad));
    }
    const good = await rawRequest(h.url, `GET /v1/models HTTP/1.1\r\nHost: x\r\n${auth}X-Client-Request-Id: trace-42.a:b\r\n\r\n`);
    assert.match(good.text, /\r\nx-client-request-id: trace-42\.a:b\r\n/i);
  });

  test('CONNECT is not tunnelled: the connection is dropped without a response', async () => {
    const reply = await rawRequest(h.url, `CONNECT 127.0.0.1:1 HTTP/1.1\r\nHost: 127.0.0.1:1\r\n${auth}\r\n`, { untilClose: true });
    assert.equal(reply.status, undefined);
    assert.ok(reply.closed);
  });

  test('a request pipelined behind an empty-bodied one is its own request, with its own authentication (401)', async () => {
    const reply = await rawRequest(h.url, post('Content-Length: 0\r\n', '') + 'GET /admin/v1/keys HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', { untilClose: true });
    assert.deepEqual(statuses(reply.text), [400, 401]);
  });

  test('slow headers (slowloris): 30 connections trickling headers do not stop the gateway serving others', async () => {
    const trickle = `GET /v1/models HTTP/1.1\r\nHost: x\r\nX-Slow: ${'a'.repeat(30)}`.split('');
    const slow = Array.from({ length: 30 }, () => rawRequest(h.url, trickle, { gapMs: 50, timeoutMs: 2_500 }));
    await new Promise((r) => setTimeout(r, 200));
    await assertServing(h.url);
    const res = await h.post('/v1/chat/completions', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'served while slow clients wait' }] });
    assert.equal(res.status, 200);
    await res.arrayBuffer();
    for (const r of await Promise.all(slow)) assert.equal(r.status, undefined, 'a request without its blank line is never answered');
  });

  test('a slow body (one byte every 40 ms, never idle) → 408 at the whole-body deadline (server.timeouts.client_body_ms)', async () => {
    const payload = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x'.repeat(100) }] });
    const head = `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n${auth}Content-Length: ${payload.length}\r\n\r\n`;
    const reply = await rawRequest(h.url, [head, ...payload.split('')], { gapMs: 40, timeoutMs: 10_000 });
    assert.equal(reply.status, 408);
    assert.equal(rawJson(reply).error?.code, 'request_timeout');
  });

  test('nothing reached the upstream but the request served on purpose', () => {
    const upstream = h.emulator.log.entries();
    assert.equal(upstream.length, 1);
    assert.match(upstream[0].bodyText ?? '', /served while slow clients wait/);
  });

  test('the gateway still serves', () => assertServing(h.url));
});
