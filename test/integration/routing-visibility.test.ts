import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type OpenAI from 'openai';
import { startHarness, type Harness } from './gateway-harness.ts';
import { adminGet, chat, FAST_TIMEOUTS, providersYaml, served, until } from './routing-helpers.ts';

interface AttemptView { provider: string; model: string; outcome: string; upstream_status: number | null; start_ms: number; latency_ms: number; hedge: boolean }
interface RecordView { id: string; requested_model: string; provider: string; upstream_model: string; status: number; attempts: number; stream: boolean; attempt_log: AttemptView[] }
interface TargetRow {
  key: string; provider: string; model: string; routes: string[]; breaker: string; probe_at: string | null; in_flight: number;
  ttft_ms_avg: number | null; latency_ms_avg: number | null; window_attempts: number; window_failures: number; error_rate: number | null; consecutive_failures: number;
}

const messages = [{ role: 'user' as const, content: 'hi [emu tokens=2]' }];

/**
 * What an operator and a client can see of routing: response headers after a failover, every
 * attempt in the request records, per-target health on the admin API, and the Prometheus series.
 * The tests run in order and build on each other: target a fails twice, which opens its breaker.
 */
describe('routing visibility', () => {
  let h: Harness;
  let sdk: OpenAI;
  const ids: string[] = [];
  before(async () => {
    h = await startHarness({
      emulators: 3,
      yaml: (u) => FAST_TIMEOUTS + providersYaml(u, ['a', 'b', 'c']) + `
routing:
  breaker: { consecutive_failures: 2, error_rate: 1, min_requests: 1000, open_ms: 60000, max_open_ms: 60000 }
models:
  vis:
    retry: { attempts_per_target: 1 }
    targets: [a/m-a, b/m-b]
  hedged:
    targets: [c/h-c, b/h-b]
    hedge: { after_ms: 50 }
`,
    });
    sdk = h.openai();
    h.emulators[0].setScenario({ kind: 'down' });
  });
  after(() => h.close());

  const record = async (id: string): Promise<RecordView> => {
    await h.gateway.records.flush();
    const { data } = await adminGet<{ data: RecordView[] }>(h, '/admin/v1/requests?limit=100');
    const found = data.find((r) => r.id === id);
    assert.ok(found, `record ${id} not found`);
    return found;
  };
  const targets = async () => new Map((await adminGet<{ data: TargetRow[] }>(h, '/admin/v1/targets')).data.map((t) => [t.key, t]));
  const metrics = async () => (await fetch(h.url + '/metrics')).text();

  test('non-streaming failover: headers name the answering target and count both attempts', async () => {
    const { data, response } = await sdk.chat.completions.create({ model: 'vis', messages }).withResponse();
    assert.equal(data.choices[0].message.content, 'Switchyard emulated');
    assert.equal(response.headers.get('x-switchyard-provider'), 'b');
    assert.equal(response.headers.get('x-switchyard-model'), 'm-b');
    assert.equal(response.headers.get('x-switchyard-attempts'), '2');
    ids.push(response.headers.get('x-request-id')!);
  });

  test('streaming failover: the same headers before the first byte', async () => {
    const { data: stream, response } = await sdk.chat.completions.create({ model: 'vis', messages, stream: true }).withResponse();
    assert.equal(response.headers.get('x-switchyard-provider'), 'b');
    assert.equal(response.headers.get('x-switchyard-model'), 'm-b');
    assert.equal(response.headers.get('x-switchyard-attempts'), '2');
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    assert.equal(text, 'Switchyard emulated');
    ids.push(response.headers.get('x-request-id')!);
  });

  test('every attempt is in the request record, in order, with provider, model, outcome and upstream status', async () => {
    for (const [i, id] of ids.entries()) {
      const r = await record(id);
      assert.equal(r.requested_model, 'vis');
      assert.equal(r.provider, 'b');
      assert.equal(r.upstream_model, 'm-b');
      assert.equal(r.status, 200);
      assert.equal(r.stream, i === 1);
      assert.equal(r.attempts, 2);
      assert.deepEqual(r.attempt_log.map((a) => [a.provider, a.model, a.outcome, a.upstream_status, a.hedge]), [
        ['a', 'm-a', 'upstream_unavailable', 503, false],
        ['b', 'm-b', 'ok', null, false],
      ]);
      const [first, second] = r.attempt_log;
      assert.ok(second.start_ms >= first.start_ms + first.latency_ms - 1, JSON.stringify(r.attempt_log));
    }
  });

  test('after two failures in a row the breaker is open: the target is skipped, not called', async () => {
    h.emulators[0].log.clear();
    const s = await served(chat(h, 'vis'));
    assert.equal(s.status, 200);
    assert.equal(s.provider, 'b');
    assert.equal(s.attempts, '1');
    assert.equal(h.emulators[0].log.count(), 0);
    const r = await record(s.requestId!);
    assert.deepEqual(r.attempt_log.map((a) => [a.provider, a.outcome]), [['b', 'ok']]);
  });

  test('GET /admin/v1/targets shows the open breaker, error rates and latency averages per target', async () => {
    const t = await targets();
    const a = t.get('a/m-a')!;
    const b = t.get('b/m-b')!;
    assert.deepEqual(
      { breaker: a.breaker, routes: a.routes, in_flight: a.in_flight, window_attempts: a.window_attempts, window_failures: a.window_failures, error_rate: a.error_rate, consecutive_failures: a.consecutive_failures, latency_ms_avg: a.latency_ms_avg },
      { breaker: 'open', routes: ['vis'], in_flight: 0, window_attempts: 2, window_failures: 2, error_rate: 1, consecutive_failures: 2, latency_ms_avg: null },
    );
    const probeIn = Date.parse(a.probe_at!) - Date.now();
    assert.ok(probeIn > 50_000 && probeIn <= 60_000, `probe due in ${probeIn} ms, expected about open_ms (60 s)`);
    assert.deepEqual(
      { breaker: b.breaker, probe_at: b.probe_at, window_attempts: b.window_attempts, window_failures: b.window_failures, error_rate: b.error_rate, consecutive_failures: b.consecutive_failures },
      { breaker: 'closed', probe_at: null, window_attempts: 3, window_failures: 0, error_rate: 0, consecutive_failures: 0 },
    );
    assert.ok(b.latency_ms_avg! > 0 && b.ttft_ms_avg! > 0 && b.ttft_ms_avg! <= b.latency_ms_avg! + 0.1, JSON.stringify(b));
    // Configured but never called: listed, unmeasured.
    assert.deepEqual([t.get('c/h-c')!.breaker, t.get('c/h-c')!.window_attempts, t.get('c/h-c')!.error_rate], ['closed', 0, null]);
  });

  test('GET /metrics has the breaker state and attempt counts per target', async () => {
    const text = await metrics();
    const lines = text.split('\n');
    for (const line of [
      'switchyard_target_breaker_state{target="a/m-a"} 2',
      'switchyard_target_breaker_state{target="b/m-b"} 0',
      'switchyard_upstream_attempts_total{target="a/m-a",outcome="upstream_unavailable"} 2',
      'switchyard_upstream_attempts_total{target="b/m-b",outcome="ok"} 3',
      'switchyard_target_in_flight{target="b/m-b"} 0',
    ]) assert.ok(lines.includes(line), `missing "${line}" in:\n${text}`);
    assert.equal(lines.filter((l) => l.startsWith('switchyard_upstream_attempts_total{target="a/m-a"')).length, 1, 'a has no other outcome');
  });

  test('in_flight counts attempts running now, on the admin API and in metrics', async () => {
    const held = served(chat(h, 'vis', {}, 'hold [emu tokens=1 latency_ms=300]'));
    await until(() => h.emulators[1].log.entries().some((e) => e.outcome === 'pending'), 'the held request on b');
    assert.equal((await targets()).get('b/m-b')!.in_flight, 1);
    assert.ok((await metrics()).includes('switchyard_target_in_flight{target="b/m-b"} 1'));
    assert.equal((await held).status, 200);
    assert.equal((await targets()).get('b/m-b')!.in_flight, 0);
  });

  test('a hedge is recorded as one: the slow first attempt cancelled, the hedge marked and winning', async () => {
    h.emulators[2].setScenario({ kind: 'slow', latencyMs: 400 });
    const s = await served(chat(h, 'hedged'));
    assert.equal(s.status, 200);
    assert.equal(s.provider, 'b');
    assert.equal(s.model, 'h-b');
    assert.equal(s.attempts, '2');
    const r = await record(s.requestId!);
    assert.deepEqual(r.attempt_log.map((a) => [a.provider, a.model, a.outcome, a.hedge]), [
      ['c', 'h-c', 'cancelled', false],
      ['b', 'h-b', 'ok', true],
    ]);
    // Timers may fire up to a millisecond early, and both offsets are rounded.
    const gap = r.attempt_log[1].start_ms - r.attempt_log[0].start_ms;
    assert.ok(gap >= 48 && gap < 400, `the hedge should start after_ms (50) after the first attempt, not ${gap} ms`);
    await until(() => h.emulators[2].log.entries().some((e) => e.outcome === 'aborted'), 'the losing attempt to be aborted upstream');
    let text = '';
    await until(async () => (text = await metrics()).includes('switchyard_upstream_attempts_total{target="c/h-c",outcome="cancelled"} 1'),
      'the cancelled hedge loser in metrics');
    assert.ok(text.includes('switchyard_upstream_attempts_total{target="b/h-b",outcome="ok"} 1'));
  });
});
