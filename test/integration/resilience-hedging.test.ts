import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMicrosAsUsd } from '../../src/money/format-micros.ts';
import { sleep, sseData, startFleet, user, type Fleet } from './resilience-harness.ts';

const HEDGE_AFTER_MS = 200;
/** a is priced high so its cancelled prompt shows in the cost; b cheaply. Micro-USD per token = USD per million tokens. */
const A_INPUT_PER_TOKEN = 1000;
const B_INPUT_PER_TOKEN = 10;
const B_OUTPUT_PER_TOKEN = 20;

const PROMPT = 'please answer quickly';
/** The gateway's estimate of the prompt a cancelled hedge sent: (4 chars of "user" + 21) / 4 → 7 tokens. */
const ESTIMATED_PROMPT_TOKENS = 7;

describe('hedging', () => {
  let f: Fleet;
  before(async () => {
    f = await startFleet({
      emulators: { a: {}, b: {}, c: { provider: 'anthropic' } },
      yaml: `
models:
  hedged:
    targets:
      - { provider: a, model: m, price: { input_per_mtok: ${A_INPUT_PER_TOKEN}, output_per_mtok: 2000 } }
      - { provider: b, model: m, price: { input_per_mtok: ${B_INPUT_PER_TOKEN}, output_per_mtok: ${B_OUTPUT_PER_TOKEN} } }
    hedge: { after_ms: ${HEDGE_AFTER_MS} }
  hedged-translated:
    targets: [a/m, c/claude-haiku-4-5]
    hedge: { after_ms: ${HEDGE_AFTER_MS} }
`,
    });
  });
  beforeEach(() => f.resetEmulators());
  after(() => f.close());

  /** The hedge started about `after_ms` after the first attempt, by the emulators' clocks and by the attempt log. */
  const assertHedgedOnTime = async (requestId: string) => {
    const [aEntry] = f.emu.a.log.entries();
    const [bEntry] = f.emu.b.log.entries();
    // By the emulators' clocks, which also count each request's own way in (a cold first connection is slower).
    const gap = bEntry.startedAt - aEntry.startedAt;
    assert.ok(gap >= HEDGE_AFTER_MS - 60 && gap < HEDGE_AFTER_MS + 400, `hedge started ${gap} ms after the first attempt`);
    await f.emu.a.log.waitFor((e) => e.outcome === 'aborted', 2000);
    const rec = await f.record(requestId);
    assert.deepEqual(rec.attemptLog.map((x) => [x.provider, x.outcome, x.hedge]), [['a', 'cancelled', false], ['b', 'ok', true]]);
    assert.equal(rec.attemptLog[0].costMicros, ESTIMATED_PROMPT_TOKENS * A_INPUT_PER_TOKEN);
    const startGap = rec.attemptLog[1].startMs - rec.attemptLog[0].startMs;
    assert.ok(startGap >= HEDGE_AFTER_MS - 2 && startGap < HEDGE_AFTER_MS + 400, `attempt log: hedge at +${startGap} ms`);
    return rec;
  };

  test('non-streaming: a slow first target is hedged, the hedge wins, the slow one is cancelled and its prompt billed', async () => {
    f.emu.a.setScenario({ kind: 'slow', latencyMs: 3000 });
    const t0 = performance.now();
    const { data, response } = await f.openai().chat.completions.create({ model: 'hedged', messages: user(PROMPT) }).withResponse();
    const elapsed = performance.now() - t0;
    assert.ok(elapsed >= HEDGE_AFTER_MS && elapsed < 1500, `answered after ${elapsed} ms`);
    assert.equal(response.headers.get('x-switchyard-provider'), 'b');
    assert.equal(response.headers.get('x-switchyard-attempts'), '2');
    const rec = await assertHedgedOnTime(response.headers.get('x-request-id')!);
    const winner = data.usage!.prompt_tokens * B_INPUT_PER_TOKEN + data.usage!.completion_tokens * B_OUTPUT_PER_TOKEN;
    const total = winner + ESTIMATED_PROMPT_TOKENS * A_INPUT_PER_TOKEN;
    assert.equal(rec.costMicros, total);
    assert.equal(response.headers.get('x-switchyard-cost-usd'), formatMicrosAsUsd(total));
  });

  test('streaming: a first target slow to its first token is hedged, one clean stream from the hedge, cost trailer includes the loser', async () => {
    f.emu.a.setScenario({ kind: 'slow', firstTokenMs: 3000 });
    const r = await f.rawChat({ model: 'hedged', stream: true, stream_options: { include_usage: true }, messages: user(PROMPT) });
    assert.equal(r.status, 200);
    assert.ok(r.elapsedMs >= HEDGE_AFTER_MS && r.elapsedMs < 1500, `finished after ${r.elapsedMs} ms`);
    assert.equal(r.headers['x-switchyard-provider'], 'b');
    assert.equal(r.headers['x-switchyard-attempts'], '2');
    const data = sseData(r.text);
    assert.equal(data.at(-1), '[DONE]');
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as { id: string; usage?: { prompt_tokens: number; completion_tokens: number } | null });
    assert.equal(new Set(chunks.map((c) => c.id)).size, 1, 'one upstream stream reached the client');
    const usage = chunks.at(-1)!.usage!;
    const rec = await assertHedgedOnTime(String(r.headers['x-request-id']));
    const total = usage.prompt_tokens * B_INPUT_PER_TOKEN + usage.completion_tokens * B_OUTPUT_PER_TOKEN + ESTIMATED_PROMPT_TOKENS * A_INPUT_PER_TOKEN;
    assert.equal(rec.costMicros, total);
    assert.equal(r.trailers['x-switchyard-cost-usd'], formatMicrosAsUsd(total));
    assert.equal(f.emu.a.log.entries()[0].chunksSent, 0);
  });

  test('streaming through the SDK: the hedge is invisible to the client', async () => {
    f.emu.a.setScenario({ kind: 'slow', firstTokenMs: 3000 });
    const { data, response } = await f.openai().chat.completions.create({ model: 'hedged', stream: true, messages: user(PROMPT) }).withResponse();
    let text = '';
    for await (const c of data) text += c.choices[0]?.delta?.content ?? '';
    assert.equal(text, 'Switchyard emulated reply with plain deterministic words so');
    assert.equal(response.headers.get('x-switchyard-provider'), 'b');
    await f.emu.a.log.waitFor((e) => e.outcome === 'aborted', 2000);
  });

  test('streaming: when the first target still answers first after the hedge started, the hedge is the one cancelled and billed', async () => {
    f.emu.a.setScenario({ kind: 'slow', firstTokenMs: HEDGE_AFTER_MS + 100 });
    f.emu.b.setScenario({ kind: 'slow', firstTokenMs: 3000 });
    const r = await f.rawChat({ model: 'hedged', stream: true, stream_options: { include_usage: true }, messages: user(PROMPT) });
    assert.equal(r.headers['x-switchyard-provider'], 'a');
    assert.equal(r.headers['x-switchyard-attempts'], '2');
    assert.equal(sseData(r.text).at(-1), '[DONE]');
    await f.emu.b.log.waitFor((e) => e.outcome === 'aborted', 2000);
    const rec = await f.record(String(r.headers['x-request-id']));
    assert.deepEqual(rec.attemptLog.map((x) => [x.provider, x.outcome, x.hedge]), [['a', 'ok', false], ['b', 'cancelled', true]]);
    assert.equal(rec.attemptLog[1].costMicros, ESTIMATED_PROMPT_TOKENS * B_INPUT_PER_TOKEN);
    assert.equal(r.trailers['x-switchyard-cost-usd'], formatMicrosAsUsd(rec.costMicros!));
    assert.ok(rec.costMicros! > ESTIMATED_PROMPT_TOKENS * B_INPUT_PER_TOKEN);
  });

  test('streaming: the hedge may be a translated target (Anthropic upstream, OpenAI client)', async () => {
    f.emu.a.setScenario({ kind: 'slow', firstTokenMs: 3000 });
    const { data, response } = await f.openai().chat.completions.create({ model: 'hedged-translated', stream: true, messages: user(PROMPT) }).withResponse();
    let text = '';
    for await (const c of data) text += c.choices[0]?.delta?.content ?? '';
    assert.equal(text, 'Switchyard emulated reply with plain deterministic words so');
    assert.equal(response.headers.get('x-switchyard-provider'), 'c');
    assert.equal(response.headers.get('x-switchyard-attempts'), '2');
    await f.emu.a.log.waitFor((e) => e.outcome === 'aborted', 2000);
    assert.equal(f.emu.c.log.entries()[0].outcome, 'completed');
  });

  for (const stream of [false, true]) {
    test(`${stream ? 'streaming' : 'non-streaming'}: a fast first target starts no hedge`, async () => {
      const r = await f.rawChat({ model: 'hedged', stream, messages: user(PROMPT) });
      assert.equal(r.status, 200);
      assert.equal(r.headers['x-switchyard-provider'], 'a');
      assert.equal(r.headers['x-switchyard-attempts'], '1');
      await sleep(HEDGE_AFTER_MS + 100);
      assert.equal(f.emu.b.log.count(), 0);
      const rec = await f.record(String(r.headers['x-request-id']));
      assert.deepEqual(rec.attemptLog.map((x) => [x.provider, x.outcome, x.hedge]), [['a', 'ok', false]]);
    });
  }

  test('a first target that fails fast is failed over, not hedged', async () => {
    f.emu.a.setScenario({ kind: 'down', status: 503 });
    const r = await f.rawChat({ model: 'hedged', messages: user(PROMPT) });
    assert.equal(r.headers['x-switchyard-provider'], 'b');
    const rec = await f.record(String(r.headers['x-request-id']));
    assert.deepEqual(rec.attemptLog.map((x) => [x.provider, x.outcome, x.hedge]), [['a', 'upstream_unavailable', false], ['b', 'ok', false]]);
  });
});
