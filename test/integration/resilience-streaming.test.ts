import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { APIError } from 'openai';
import { formatMicrosAsUsd } from '../../src/money/format-micros.ts';
import { sseData, startFleet, user, type Fleet, type RawAnswer } from './resilience-harness.ts';

/** What emulator b answers (6 tokens); a answers 3, so the text alone says which target the client heard. */
const B_TEXT = 'Switchyard emulated reply with plain deterministic';

interface Chunk {
  id: string;
  choices: { delta: { role?: string; content?: string }; finish_reason: string | null }[];
}

/** A complete, clean OpenAI stream from one upstream response: one id, one role chunk, one finish, `[DONE]` last and only once. */
function assertCleanStream(r: RawAnswer, text: string): void {
  assert.equal(r.status, 200);
  const data = sseData(r.text);
  assert.equal(data.at(-1), '[DONE]');
  assert.equal(data.filter((d) => d === '[DONE]').length, 1);
  const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as Chunk & { error?: unknown });
  assert.ok(chunks.every((c) => c.error === undefined), 'no error event');
  assert.equal(new Set(chunks.map((c) => c.id)).size, 1, 'every chunk from one upstream response');
  assert.equal(chunks.filter((c) => c.choices[0]?.delta.role === 'assistant').length, 1);
  assert.equal(chunks.filter((c) => c.choices[0]?.finish_reason === 'stop').length, 1);
  assert.equal(chunks.map((c) => c.choices[0]?.delta.content ?? '').join(''), text);
}

describe('streaming failover', () => {
  let f: Fleet;
  before(async () => {
    f = await startFleet({
      emulators: { a: {}, b: {} },
      yaml: `
routing:
  breaker: { consecutive_failures: 1000, min_requests: 1000000 }
models:
  pair:
    targets:
      - { provider: a, model: m, timeouts: { first_byte_ms: 200, idle_ms: 300 } }
      - b/m
    retry: { attempts_per_target: 2, backoff_initial_ms: 20, backoff_max_ms: 40 }
`,
    });
  });
  beforeEach(() => {
    f.resetEmulators();
    f.emu.a.setDefaults({ tokens: 3 });
    f.emu.b.setDefaults({ tokens: 6 });
  });
  after(() => f.close());

  const stream = (content = 'hello') => f.rawChat({ model: 'pair', stream: true, messages: user(content) });

  test('before the first byte, a 500 fails over transparently: the SDK sees one clean stream from the second target', async () => {
    f.emu.a.setScenario({ kind: 'down', status: 500 });
    const { data, response } = await f.openai().chat.completions.create({ model: 'pair', stream: true, messages: user('hello') }).withResponse();
    let text = '';
    const finishes: (string | null)[] = [];
    for await (const c of data) {
      text += c.choices[0]?.delta?.content ?? '';
      if (c.choices[0]?.finish_reason) finishes.push(c.choices[0].finish_reason);
    }
    assert.equal(text, B_TEXT);
    assert.deepEqual(finishes, ['stop']);
    assert.equal(response.headers.get('x-switchyard-provider'), 'b');
    assert.equal(response.headers.get('x-switchyard-attempts'), '2');
    assert.equal(f.emu.a.log.count(), 1);
  });

  test('before the first byte, a 500 fails over transparently: the raw bytes are one stream, no error, one [DONE]', async () => {
    f.emu.a.setScenario({ kind: 'down', status: 500 });
    const r = await stream();
    assertCleanStream(r, B_TEXT);
    assert.equal(r.headers['x-switchyard-provider'], 'b');
    assert.equal(r.headers['x-switchyard-attempts'], '2');
  });

  test('before the first byte, a connection reset is retried on the same target, then fails over, in one clean stream', async () => {
    f.emu.a.setScenario({ kind: 'down', reset: true });
    const r = await stream();
    assertCleanStream(r, B_TEXT);
    assert.equal(r.headers['x-switchyard-attempts'], '3');
    assert.deepEqual(f.emu.a.log.entries().map((e) => e.outcome), ['cut', 'cut']);
  });

  test('before the first byte, an upstream that never sends headers times out and fails over', async () => {
    f.emu.a.setDefaults({ hang: true });
    const r = await stream();
    assertCleanStream(r, B_TEXT);
    assert.equal(r.headers['x-switchyard-attempts'], '2');
    assert.equal(f.emu.a.log.count(), 1, 'a timeout is not retried');
    await f.emu.a.log.waitFor((e) => e.outcome === 'aborted', 2000);
  });

  test('before the first byte, headers followed by silence (idle timeout) still fail over transparently', async () => {
    f.emu.a.setScenario({ kind: 'slow', firstTokenMs: 5000 });
    const r = await stream();
    assertCleanStream(r, B_TEXT);
    assert.equal(r.headers['x-switchyard-provider'], 'b');
    await f.emu.a.log.waitFor((e) => e.outcome === 'aborted', 2000);
    assert.equal(f.emu.a.log.entries()[0].chunksSent, 0);
  });

  test('a stream ends for the client at [DONE], with its cost trailer, even when the upstream is slow to close its body', async () => {
    // a is down, so b answers; b keeps its response open 1.5 s after [DONE] (b's idle timeout is 3 s).
    f.emu.a.setScenario({ kind: 'down', status: 500 });
    f.emu.b.setDefaults({ tokens: 6, end_delay_ms: 1500 });
    const r = await stream();
    assertCleanStream(r, B_TEXT);
    assert.ok(r.elapsedMs < 1000, `the client's stream ended at [DONE] (${r.elapsedMs.toFixed(0)} ms)`);
    const rec = await f.record(String(r.headers['x-request-id']));
    assert.equal(rec.status, 200);
    assert.equal(rec.errorClass, null);
    assert.equal(rec.usageSource, 'reported');
    assert.equal(rec.usage.outputText, 6);
    assert.equal(r.trailers['x-switchyard-cost-usd'], rec.costMicros == null ? 'unpriced' : formatMicrosAsUsd(rec.costMicros), 'the trailer went out with [DONE]');
    assert.ok(rec.latencyMs < 1000, `the record's latency is the client's (${rec.latencyMs.toFixed(0)} ms)`);
  });

  test('silence after [DONE] longer than the idle timeout does not turn a finished stream into a failure', async () => {
    f.emu.a.setDefaults({ tokens: 3, end_delay_ms: 800 });
    const r = await stream();
    assertCleanStream(r, 'Switchyard emulated reply');
    const rec = await f.record(String(r.headers['x-request-id']));
    assert.equal(rec.status, 200);
    assert.equal(rec.errorClass, null);
    assert.deepEqual(rec.attemptLog.map((a) => a.outcome), ['ok'], 'target a\'s 300 ms idle timeout after [DONE] is not a failure');
    assert.equal(f.emu.b.log.count(), 0);
  });

  test('after the first byte, a cut stream ends with an in-band error, no [DONE], and no failover', async () => {
    f.emu.a.setDefaults({ tokens: 3, cut_after: 2 });
    const r = await stream();
    assert.equal(r.status, 200);
    assert.equal(r.headers['x-switchyard-provider'], 'a');
    assert.equal(r.headers['x-switchyard-attempts'], '1');
    const data = sseData(r.text);
    assert.ok(!data.includes('[DONE]'));
    const chunks = data.map((d) => JSON.parse(d) as Partial<Chunk> & { error?: { code: string; message: string } });
    assert.equal(chunks.filter((c) => c.choices?.[0]?.delta.content).length, 2);
    assert.ok(chunks.every((c) => !c.choices?.[0]?.finish_reason), 'never a clean finish');
    const last = chunks.at(-1)!;
    assert.ok(last.error, 'the stream ends with an error event');
    assert.ok(['upstream_stream_cut', 'upstream_connection_error'].includes(last.error.code), last.error.code);
    assert.match(last.error.message, /provider a/);
    assert.equal(f.emu.b.log.count(), 0);
    const rec = await f.record(String(r.headers['x-request-id']));
    assert.equal(rec.attempts, 1);
    assert.ok(rec.errorClass === 'bad_upstream_response' || rec.errorClass === 'upstream_error', String(rec.errorClass));
    assert.equal(rec.usage.outputText, 2, 'the tokens the client got are metered');
  });

  test('after the first byte, a cut stream makes the SDK raise after the tokens it already got', async () => {
    f.emu.a.setDefaults({ tokens: 5, cut_after: 3 });
    const s = await f.openai().chat.completions.create({ model: 'pair', stream: true, messages: user('hello') });
    let text = '';
    await assert.rejects(async () => {
      for await (const c of s) text += c.choices[0]?.delta?.content ?? '';
    }, APIError);
    assert.equal(text, 'Switchyard emulated reply');
    assert.equal(f.emu.b.log.count(), 0);
  });

  test('after the first byte, malformed upstream data ends with an in-band error and no failover', async () => {
    f.emu.a.setDefaults({ tokens: 5, malformed_sse: true });
    const r = await stream();
    const data = sseData(r.text);
    assert.ok(!data.includes('[DONE]'));
    assert.equal((JSON.parse(data.at(-1)!) as { error: { code: string } }).error.code, 'bad_upstream_response');
    assert.equal(f.emu.b.log.count(), 0);
  });
});
