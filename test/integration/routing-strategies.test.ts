import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { flushedRecords, startHarness, type Harness } from './gateway-harness.ts';
import { adminGet, answeredBy, chat, counts, FAST_TIMEOUTS, NO_BREAKER, pending, providersYaml, resetEmulators, served, until } from './routing-helpers.ts';

/** Every strategy through the real gateway, one emulator per target; who answered is read from the emulators' logs and the response headers. */
describe('routing strategies', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({
      emulators: 3,
      yaml: (u) => FAST_TIMEOUTS + NO_BREAKER + providersYaml(u, ['e0', 'e1', 'e2']) + `
models:
  by-priority:
    retry: { attempts_per_target: 1 }
    targets:
      - { provider: e0, model: m, priority: 20 }
      - { provider: e1, model: m, priority: 0 }
      - { provider: e2, model: m, priority: 10 }
  by-weight:
    strategy: weighted
    retry: { attempts_per_target: 1 }
    targets:
      - { provider: e0, model: w, weight: 3 }
      - { provider: e1, model: w, weight: 1 }
      - { provider: e2, model: w, weight: 0 }
  by-latency:
    strategy: latency
    targets: [e0/l, e1/l]
  by-ttft:
    strategy: latency
    targets: [e0/t, e1/t]
  by-sort:
    targets: [e0/s, e1/s]
  by-throughput:
    targets: [e0/tp, e1/tp]
  by-inflight:
    strategy: least-inflight
    targets: [e0/f, e1/f]
  by-cost:
    strategy: cost
    retry: { attempts_per_target: 1 }
    targets:
      - { provider: e0, model: unpriced-model }
      - { provider: e1, model: pricey-model, price: { input_per_mtok: "5", output_per_mtok: "15" } }
      - { provider: e2, model: cheap-model, price: { input_per_mtok: "0.10", output_per_mtok: "0.40" } }
  by-cost-shape:
    strategy: cost
    targets:
      - { provider: e0, model: cheap-in, price: { input_per_mtok: "1", output_per_mtok: "10" } }
      - { provider: e1, model: cheap-out, price: { input_per_mtok: "4", output_per_mtok: "2" } }
`,
    });
  });
  beforeEach(() => resetEmulators(h));
  after(() => h.close());

  test('priority: lowest priority number first, then the others in priority order as fallbacks', async () => {
    for (let i = 0; i < 5; i++) assert.equal(await answeredBy(chat(h, 'by-priority')), 'e1');
    assert.deepEqual(counts(h), [0, 5, 0]);

    h.emulators[1].setScenario({ kind: 'down' });
    const second = await served(chat(h, 'by-priority'));
    assert.equal(second.status, 200);
    assert.equal(second.provider, 'e2');
    assert.equal(second.attempts, '2');

    h.emulators[2].setScenario({ kind: 'down' });
    const third = await served(chat(h, 'by-priority'));
    assert.equal(third.provider, 'e0');
    assert.equal(third.attempts, '3');
    const record = (await flushedRecords(h)).find((r) => r.id === third.requestId)!;
    assert.deepEqual(record.attemptLog.map((a) => [a.provider, a.outcome, a.upstreamStatus]), [
      ['e1', 'upstream_unavailable', 503],
      ['e2', 'upstream_unavailable', 503],
      ['e0', 'ok', null],
    ]);
  });

  test('weighted: 3:1 weights split first attempts about 3:1, and a weight-0 target gets nothing while the others are up', async () => {
    const n = 200;
    for (let i = 0; i < n; i += 10) {
      const batch = await Promise.all(Array.from({ length: 10 }, () => answeredBy(chat(h, 'by-weight'))));
      for (const p of batch) assert.notEqual(p, 'e2');
    }
    const [e0, e1, e2] = counts(h);
    // Binomial(200, 0.75): mean 150, sd √(200·0.75·0.25) ≈ 6.1; ±4 sd keeps a false failure below 1 in 10,000,
    // while an even split (100) or inverted weights (50) are far outside.
    const sd = Math.sqrt(n * 0.75 * 0.25);
    assert.equal(e0 + e1, n);
    assert.equal(e2, 0);
    assert.ok(Math.abs(e0 - 150) <= 4 * sd, `e0 answered ${e0} of ${n}, expected 150 ± ${(4 * sd).toFixed(1)}`);
  });

  test('weighted: the weight-0 target is the fallback when every weighted target fails', async () => {
    h.emulators[0].setScenario({ kind: 'down' });
    h.emulators[1].setScenario({ kind: 'down' });
    const s = await served(chat(h, 'by-weight'));
    assert.equal(s.status, 200);
    assert.equal(s.provider, 'e2');
    assert.equal(s.attempts, '3');
    assert.deepEqual(counts(h), [1, 1, 1]);
  });

  test('latency: an untried target is tried first, then traffic stays on the faster one and moves when it slows down', async () => {
    h.emulators[0].setScenario({ kind: 'slow', latencyMs: 100 });
    // Nothing measured: priority order. Then e1 is unmeasured, so it goes first; after that e1 is faster.
    assert.equal(await answeredBy(chat(h, 'by-latency')), 'e0');
    assert.equal(await answeredBy(chat(h, 'by-latency')), 'e1');
    for (let i = 0; i < 6; i++) assert.equal(await answeredBy(chat(h, 'by-latency')), 'e1');
    assert.deepEqual(counts(h), [1, 7, 0]);

    // e1 becomes much slower than e0's 100 ms; its moving average (α 0.2) passes 100 ms within a few requests.
    h.emulators[0].setScenario({ kind: 'healthy' });
    h.emulators[1].setScenario({ kind: 'slow', latencyMs: 300 });
    const after = [];
    for (let i = 0; i < 7; i++) after.push(await answeredBy(chat(h, 'by-latency')));
    assert.equal(after[0], 'e1', 'e1 still has the best average right after it slowed down');
    const back = after.indexOf('e0');
    assert.ok(back >= 2 && back <= 5, `traffic should return to e0 after 2-5 slow answers from e1: ${after.join(',')}`);
    assert.ok(after.slice(back).every((p) => p === 'e0'), after.join(','));
  });

  test('latency on streams ranks by time to first token, not by whole-response time', async () => {
    // e0: first token after 100 ms, then done at once. e1: first frame at once, then 50 ms between frames (~200 ms in all).
    h.emulators[0].setScenario({ kind: 'slow', firstTokenMs: 100 });
    h.emulators[1].setScenario({ kind: 'slow', tokenDelayMs: 50 });
    const stream = async () => {
      const s = await served(h.post('/v1/chat/completions', { model: 'by-ttft', stream: true, messages: [{ role: 'user', content: 'hi [emu tokens=1]' }] }));
      assert.equal(s.status, 200);
      assert.match(s.body, /\[DONE\]/);
      return s.provider;
    };
    assert.equal(await stream(), 'e0');
    assert.equal(await stream(), 'e1');
    for (let i = 0; i < 2; i++) assert.equal(await stream(), 'e1');
    assert.deepEqual(counts(h), [1, 3, 0]);
  });

  test('provider.sort: latency replaces a priority route\'s order for that request only', async () => {
    h.emulators[0].setScenario({ kind: 'slow', latencyMs: 100 });
    const sorted = () => answeredBy(chat(h, 'by-sort', { provider: { sort: 'latency' } }));
    assert.equal(await sorted(), 'e0');
    assert.equal(await sorted(), 'e1');
    assert.equal(await sorted(), 'e1');
    assert.equal(await answeredBy(chat(h, 'by-sort')), 'e0', 'without sort the route keeps priority order');
  });

  test('provider.sort: throughput prefers the target that streams more tokens per second', async () => {
    // 4 tokens each: e0 waits 40 ms between frames (~25 tokens/s), e1 5 ms (~200 tokens/s).
    h.emulators[0].setScenario({ kind: 'slow', tokenDelayMs: 40 });
    h.emulators[1].setScenario({ kind: 'slow', tokenDelayMs: 5 });
    const stream = async () => {
      const s = await served(h.post('/v1/chat/completions', { model: 'by-throughput', stream: true, provider: { sort: 'throughput' }, messages: [{ role: 'user', content: 'hi [emu tokens=4]' }] }));
      assert.equal(s.status, 200);
      return s.provider;
    };
    assert.deepEqual([await stream(), await stream(), await stream(), await stream()], ['e0', 'e1', 'e1', 'e1']);
    const rows = (await adminGet<{ data: { key: string; throughput_tokens_per_s: number | null }[] }>(h, '/admin/v1/targets')).data;
    const rate = (key: string) => rows.find((r) => r.key === key)!.throughput_tokens_per_s;
    assert.ok(rate('e0/tp')! > 0 && rate('e1/tp')! > 2 * rate('e0/tp')!, `e0 ${rate('e0/tp')}, e1 ${rate('e1/tp')} tokens/s`);
  });

  test('least-inflight: new requests go to the target with fewer requests running', async () => {
    const slow = (ms: number) => chat(h, 'by-inflight', {}, `hold [emu tokens=1 latency_ms=${ms}]`);
    const a = served(slow(500));
    await until(() => pending(h, 0) === 1, 'A on e0');
    const b = served(slow(500));
    await until(() => pending(h, 1) === 1, 'B on e1 (e0 busy)');
    const c = served(slow(500));
    await until(() => pending(h, 0) === 2, 'C on e0 (tie → priority)');
    // e0 runs 2, e1 runs 1: short requests go to e1.
    assert.equal(await answeredBy(chat(h, 'by-inflight')), 'e1');
    assert.equal(await answeredBy(chat(h, 'by-inflight')), 'e1');
    const held = await Promise.all([a, b, c]);
    assert.deepEqual(held.map((s) => [s.status, s.provider]), [[200, 'e0'], [200, 'e1'], [200, 'e0']]);
    // Nothing running: back to priority order.
    assert.equal(await answeredBy(chat(h, 'by-inflight')), 'e0');
    assert.deepEqual(counts(h), [3, 3, 0]);
  });

  test('cost: cheapest priced target first, then dearer, unpriced last whatever its priority', async () => {
    for (let i = 0; i < 3; i++) assert.equal(await answeredBy(chat(h, 'by-cost')), 'e2');
    assert.deepEqual(counts(h), [0, 0, 3]);
    h.emulators[2].setScenario({ kind: 'down' });
    assert.equal(await answeredBy(chat(h, 'by-cost')), 'e1');
    h.emulators[1].setScenario({ kind: 'down' });
    const s = await served(chat(h, 'by-cost'));
    assert.equal(s.provider, 'e0');
    assert.equal(s.attempts, '3');
  });

  test('cost: the expected prompt and output tokens decide which price is cheaper', async () => {
    // cheap-in: $1 in / $10 out; cheap-out: $4 in / $2 out (per million tokens).
    // Short prompt, max_tokens 1000: 1000 × 10 ≫ 1000 × 2 → cheap-out.
    assert.equal(await answeredBy(chat(h, 'by-cost-shape', { max_tokens: 1000 })), 'e1');
    // No limit: 512 output tokens are assumed, still output-heavy → cheap-out.
    assert.equal(await answeredBy(chat(h, 'by-cost-shape')), 'e1');
    // ~1000-token prompt, max_completion_tokens 1: 1000 × 1 + 10 < 1000 × 4 + 2 → cheap-in.
    const longPrompt = 'word '.repeat(800) + '[emu tokens=1]';
    assert.equal(await answeredBy(chat(h, 'by-cost-shape', { max_completion_tokens: 1 }, longPrompt)), 'e0');
  });
});
