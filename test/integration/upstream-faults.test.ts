import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { APIError } from 'openai';
import type { Config } from '../../src/config/types.ts';
import { errorBody, flushedRecords, startHarness, type Harness } from './gateway-harness.ts';
import { providersYaml } from './routing-helpers.ts';

const withoutRetriesOrBreaker = (c: Config): Config => ({
  ...c,
  models: Object.fromEntries(Object.entries(c.models).map(([name, m]) => [name, { ...m, retry: { ...m.retry, attemptsPerTarget: 1 } }])),
  routing: { ...c.routing, breaker: { ...c.routing.breaker, consecutiveFailures: 1000, minRequests: 1000 } },
});

const ask = (h: Harness, content: string) => h.post('/v1/chat/completions', { model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });

describe('upstream failures become clear client errors', () => {
  let h: Harness;
  before(async () => {
    // One target, many deliberate failures: no retries and no breaker, so each test sees its own fault mapped.
    h = await startHarness({ tweak: withoutRetriesOrBreaker });
  });
  after(() => h.close());

  test('429 → 429 with the upstream Retry-After', async () => {
    const res = await ask(h, 'x [emu status=429 retry_after=7]');
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '7');
    const e = await errorBody(res);
    assert.equal(e.code, 'upstream_rate_limited');
    assert.match(e.message, /emu0/);
  });

  test('500 → 502 naming the provider', async () => {
    const res = await ask(h, 'x [emu status=500]');
    assert.equal(res.status, 502);
    assert.equal((await errorBody(res)).code, 'upstream_server_error');
  });

  test('upstream 401 is the gateway\'s problem, not the client\'s', async () => {
    const res = await ask(h, 'x [emu status=401]');
    assert.equal(res.status, 502);
    const e = await errorBody(res);
    assert.equal(e.code, 'upstream_auth_failed');
    assert.doesNotMatch(e.message, /emulator-upstream-secret/);
  });

  test('upstream 400 (context length) is passed through as the client\'s error', async () => {
    const res = await ask(h, 'x [emu status=400 error_code=context_length_exceeded]');
    assert.equal(res.status, 400);
    assert.equal((await errorBody(res)).code, 'context_length_exceeded');
  });

  test('hang → 504 after the first-byte timeout', async () => {
    const t0 = Date.now();
    const res = await ask(h, 'x [emu hang=1]');
    assert.equal(res.status, 504);
    assert.match((await errorBody(res)).message, /first-byte timeout/);
    assert.ok(Date.now() - t0 >= 1400);
  });

  test('stream cut midway → the SDK raises an error; never a clean finish', async () => {
    const stream = await h.openai().chat.completions.create({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'x [emu tokens=10 cut_after=3]' }] });
    let chunks = 0;
    await assert.rejects(async () => {
      for await (const c of stream) if (c.choices[0]?.delta?.content) chunks++;
    }, (err: unknown) => err instanceof APIError || err instanceof Error);
    assert.equal(chunks, 3);
  });

  test('stream cut midway, raw: in-band error event and no [DONE]', async () => {
    const res = await h.post('/v1/chat/completions', { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'x [emu tokens=10 cut_after=2]' }] });
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.doesNotMatch(text, /\[DONE\]/);
    const last = text.trim().split('\n\n').at(-1)!;
    const err = JSON.parse(last.slice('data: '.length)) as { error: { code: string } };
    assert.ok(['upstream_stream_cut', 'upstream_connection_error'].includes(err.error.code), err.error.code);
  });

  test('malformed SSE → in-band error, no [DONE]', async () => {
    const res = await h.post('/v1/chat/completions', { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'x [emu tokens=5 malformed_sse=1]' }] });
    const text = await res.text();
    assert.doesNotMatch(text, /\[DONE\]/);
    assert.match(text, /"code":"bad_upstream_response"/);
  });

  test('stream idle timeout → in-band 504-class error', async () => {
    const res = await h.post('/v1/chat/completions', { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'x [emu tokens=10 hang_after=2]' }] });
    const text = await res.text();
    assert.doesNotMatch(text, /\[DONE\]/);
    assert.match(text, /"code":"upstream_timeout"/);
    assert.match(text, /idle timeout/);
  });

  test('streaming request rejected upstream before any byte → plain JSON error status', async () => {
    const res = await h.post('/v1/chat/completions', { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'x [emu status=503]' }] });
    assert.equal(res.status, 502);
    assert.equal((await errorBody(res)).code, 'upstream_unavailable');
  });

  test('failures are recorded with their error class', async () => {
    const recs = await flushedRecords(h);
    const classes = new Set(recs.map((r) => r.errorClass));
    for (const c of ['rate_limited', 'upstream_error', 'upstream_auth', 'upstream_timeout', 'bad_upstream_response']) assert.ok(classes.has(c as never), `missing ${c}`);
  });
});

describe('failover to the next target', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      emulators: 2,
      yaml: (u) => providersYaml(u, ['primary', 'backup']) + `
models:
  gpt-4o-mini:
    targets: [primary/gpt-4o-mini, backup/gpt-4o-mini]
`,
    });
  });
  after(() => h.close());

  test('a 503 on the first target is answered by the second', async () => {
    h.emulators[0].setDefaults({ status: 503 });
    const res = await ask(h, 'hello');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-switchyard-provider'), 'backup');
    assert.equal(res.headers.get('x-switchyard-attempts'), '2');
    h.emulators[0].setDefaults({});
  });

  test('a stream that fails before its first byte fails over transparently', async () => {
    h.emulators[0].setDefaults({ status: 500 });
    const res = await h.post('/v1/chat/completions', { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-switchyard-provider'), 'backup');
    assert.match(await res.text(), /\[DONE\]/);
    h.emulators[0].setDefaults({});
  });

  test('a client error is not retried elsewhere', async () => {
    const res = await ask(h, 'x [emu status=400]');
    assert.equal(res.status, 400);
    assert.equal(h.emulators[1].log.entries().filter((e) => JSON.stringify(e.body).includes('status=400')).length, 0);
  });
});
