import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { errorBody, startHarness, UPSTREAM_KEY, type Harness } from '../integration/gateway-harness.ts';
import { startHostileUpstream, type HostileHit, type HostileUpstream } from './hostile-upstream.ts';
import { assertServing } from './raw-http.ts';

/**
 * A compromised or broken upstream: streams that never end, bodies that never end, silence,
 * poisoned usage, malformed event streams, wrong content types, redirects, oversized headers.
 * Each ends the one request with a clear error (in-band once a stream has started) within the
 * configured timeouts and size limits, and the gateway keeps serving.
 */
describe('hostile upstreams', () => {
  let h: Harness;
  let up: HostileUpstream;
  before(async () => {
    up = await startHostileUpstream(UPSTREAM_KEY);
    h = await startHarness({
      yaml: () => `
providers:
  bad: { type: openai, base_url: ${up.url}/v1, api_key: ${UPSTREAM_KEY}, timeouts: { connect_ms: 1000, first_byte_ms: 1000, idle_ms: 700, total_ms: 2500 } }
models:
  m: bad/gpt-4o-mini
routing:
  breaker: { consecutive_failures: 1000, min_requests: 1000000 }
`,
      tweak: (c) => ({ ...c, models: Object.fromEntries(Object.entries(c.models).map(([n, m]) => [n, { ...m, retry: { ...m.retry, attemptsPerTarget: 1 } }])) }),
    });
  });
  after(async () => {
    await h.close();
    await up.close();
  });

  const ask = (mode: string, o: { stream?: boolean; anthropic?: boolean } = {}) =>
    h.post(o.anthropic ? '/v1/messages' : '/v1/chat/completions', { model: 'm', stream: o.stream ?? false, max_tokens: 16, messages: [{ role: 'user', content: `mode:${mode}` }] });
  const lastHit = (mode: string): HostileHit => up.hits.filter((x) => x.mode === mode).at(-1)!;
  /** The final SSE event of an OpenAI-format stream, parsed. */
  const lastOpenAIEvent = (text: string) => JSON.parse(text.trim().split('\n\n').at(-1)!.slice('data: '.length)) as { error?: { code: string; message: string } };
  const waitClosed = async (mode: string) => {
    for (let i = 0; i < 100 && !lastHit(mode).closedByGateway; i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(lastHit(mode).closedByGateway, 'the gateway hung up on the upstream');
  };

  test('an endless stream without [DONE] → in-band upstream_timeout (total timeout), no [DONE], upstream connection closed', async () => {
    const res = await ask('endless-stream', { stream: true });
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.doesNotMatch(text, /\[DONE\]/);
    const last = lastOpenAIEvent(text);
    assert.equal(last.error?.code, 'upstream_timeout');
    assert.match(last.error!.message, /total timeout|idle timeout/);
    await waitClosed('endless-stream');
  });

  test('an endless stream translated to Anthropic Messages → an in-band error event (timeout_error)', async () => {
    const res = await ask('endless-stream', { stream: true, anthropic: true });
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.match(text, /event: error\ndata: \{"type":"error","error":\{"type":"timeout_error"/);
    assert.doesNotMatch(text, /message_stop/);
  });

  test('a stream that goes silent after its first chunk → in-band upstream_timeout (idle timeout)', async () => {
    const res = await ask('silent-after-first', { stream: true });
    assert.equal(res.status, 200);
    const last = lastOpenAIEvent(await res.text());
    assert.equal(last.error?.code, 'upstream_timeout');
    assert.match(last.error!.message, /idle timeout/);
  });

  test('an upstream that never answers → 504 upstream_timeout (first-byte timeout)', async () => {
    const res = await ask('silence');
    assert.equal(res.status, 504);
    const e = await errorBody(res);
    assert.equal(e.code, 'upstream_timeout');
    assert.match(e.message, /first-byte timeout/);
  });

  test('an endless JSON body → 502 bad_upstream_response at the 64 MiB response limit; the upstream is cut off', async () => {
    const res = await ask('endless-json');
    assert.equal(res.status, 502);
    const e = await errorBody(res);
    assert.equal(e.code, 'bad_upstream_response');
    assert.match(e.message, /larger than 67108864 bytes/);
    await waitClosed('endless-json');
    assert.ok(lastHit('endless-json').bytesSent < 100 * 1024 * 1024, `read ${lastHit('endless-json').bytesSent} bytes`);
  });

  test('an event-stream line that never ends → an in-band error at the 8 MiB event limit (not a timeout), the upstream cut off', async () => {
    const res = await ask('huge-sse-line', { stream: true });
    assert.equal(res.status, 200);
    const last = lastOpenAIEvent(await res.text());
    assert.match(last.error?.message ?? '', /event-stream event larger than 8388608 bytes/);
    await waitClosed('huge-sse-line');
    assert.ok(lastHit('huge-sse-line').bytesSent < 32 * 1024 * 1024, `read ${lastHit('huge-sse-line').bytesSent} bytes`);
  });

  test('the same endless line translated to Anthropic Messages → an in-band error event at the 8 MiB line limit', async () => {
    const res = await ask('huge-sse-line', { stream: true, anthropic: true });
    const text = await res.text();
    assert.match(text, /event: error\ndata: .*event-stream line longer than 8388608 characters/);
    await waitClosed('huge-sse-line');
  });

  test('malformed SSE mid-stream → in-band bad_upstream_response, no [DONE]', async () => {
    const res = await ask('malformed-sse', { stream: true });
    const text = await res.text();
    assert.doesNotMatch(text, /\[DONE\]/);
    assert.equal(lastOpenAIEvent(text).error?.code, 'bad_upstream_response');
  });

  test('malformed SSE translated to Anthropic Messages → an in-band error event, no message_stop', async () => {
    const res = await ask('malformed-sse', { stream: true, anthropic: true });
    const text = await res.text();
    assert.match(text, /event: error\n/);
    assert.doesNotMatch(text, /message_stop/);
  });

  test('an HTML page with status 200 (wrong content type) → 502 bad_upstream_response', async () => {
    const res = await ask('html-200');
    assert.equal(res.status, 502);
    assert.equal((await errorBody(res)).code, 'bad_upstream_response');
  });

  test('a JSON body where an event stream was asked for → 502 bad_upstream_response naming the content type', async () => {
    const res = await ask('json-for-stream', { stream: true });
    assert.equal(res.status, 502);
    const e = await errorBody(res);
    assert.equal(e.code, 'bad_upstream_response');
    assert.match(e.message, /application\/json/);
  });

  test('truncated JSON with status 200 → 502 bad_upstream_response', async () => {
    const res = await ask('invalid-json');
    assert.equal(res.status, 502);
    assert.equal((await errorBody(res)).code, 'bad_upstream_response');
  });

  test('a redirect is never followed: the error names the status and nothing is requested from the Location', async () => {
    const res = await ask('redirect');
    assert.notEqual(res.status, 200);
    assert.match((await errorBody(res)).message, /HTTP 307/);
    assert.ok(up.hits.every((x) => x.path === '/v1/chat/completions'), 'every upstream request went to the configured path');
  });

  test('a 64 KiB upstream response header → 502 upstream_connection_error (header overflow)', async () => {
    const res = await ask('huge-header');
    assert.equal(res.status, 502);
    const e = await errorBody(res);
    assert.equal(e.code, 'upstream_connection_error');
    assert.match(e.message, /HEADERS_OVERFLOW/);
  });

  for (const mode of ['usage-negative', 'usage-strings']) {
    test(`poisoned usage (${mode === 'usage-negative' ? '-5 tokens' : 'strings'}) → the answer is still served with 200`, async () => {
      for (const anthropic of [false, true]) {
        const res = await ask(mode, { anthropic });
        assert.equal(res.status, 200, await res.clone().text());
        await res.arrayBuffer();
      }
    });
  }

  test('poisoned usage (1e300 tokens) → the answer is still served with 200, also streamed', async () => {
    for (const [mode, stream] of [['usage-1e300', false], ['stream-usage-1e300', true]] as const) {
      for (const anthropic of [false, true]) {
        const res = await ask(mode, { stream, anthropic });
        assert.equal(res.status, 200, `${mode} ${anthropic ? 'anthropic' : 'openai'}`);
        await res.arrayBuffer();
      }
    }
    await h.gateway.records.flush();
    const rows = await h.store.records.list({ limit: 1000 });
    assert.ok(rows.every((r) => r.status !== 500));
  });

  test('a model name with CR/LF or non-Latin-1 characters in the upstream\'s JSON → the answer is served (header sanitized or dropped)', async () => {
    for (const mode of ['crlf-model', 'non-latin1-model']) {
      for (const anthropic of [false, true]) {
        const res = await ask(mode, { anthropic });
        assert.equal(res.status, 200, `${mode}: ${await res.clone().text()}`);
        await res.arrayBuffer();
        assert.equal(res.headers.get('x-injected'), null);
        assert.doesNotMatch(res.headers.get('x-switchyard-model') ?? '', /[\r\n]/);
      }
    }
  });

  test('an upstream error body quoting the configured API key → no key text in the client\'s response', async () => {
    for (const anthropic of [false, true]) {
      const res = await ask('quote-key-error', { anthropic });
      const text = await res.text();
      assert.ok(res.status >= 400);
      assert.ok(!text.includes(UPSTREAM_KEY), text);
    }
  });

  test('the gateway still serves, and every request reached only the configured upstream path', async () => {
    await assertServing(h.url);
    assert.ok(up.hits.length > 0);
    for (const x of up.hits) assert.equal(x.path, '/v1/chat/completions');
  });
});
