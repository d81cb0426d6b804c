import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BreakerConfig } from '../config/types.ts';
import { TargetHealth } from './target-health.ts';

const config: BreakerConfig = { consecutiveFailures: 2, errorRate: 0.5, minRequests: 20, windowMs: 60_000, openMs: 30_000, maxOpenMs: 300_000 };
const KEY = 'openai/gpt-4o-mini';

function setup(c = config) {
  const clock = { now: 1_700_000_000_000 };
  const health = new TargetHealth(c, () => clock.now);
  return { clock, health };
}

function tripOpen(health: TargetHealth, key = KEY) {
  for (let i = 0; i < config.consecutiveFailures; i++) health.begin(key)!.failed('upstream_error');
}

test('an unknown target is closed, available and has zeroed stats, without being created', () => {
  const { health } = setup();
  assert.deepEqual(health.stats('x/y'), { key: 'x/y', breaker: 'closed', inFlight: 0, windowAttempts: 0, windowFailures: 0, consecutiveFailures: 0 });
  assert.equal(health.available('x/y'), true);
  assert.equal(health.size, 0);
  assert.deepEqual(health.snapshot(), []);
});

test('tickets count in-flight attempts until they end', () => {
  const { health } = setup();
  const a = health.begin(KEY)!;
  const b = health.begin(KEY)!;
  assert.equal(a.probe, false);
  assert.equal(health.stats(KEY).inFlight, 2);
  a.succeeded({ latencyMs: 100 });
  assert.equal(health.stats(KEY).inFlight, 1);
  b.released();
  assert.equal(health.stats(KEY).inFlight, 0);
});

test('a ticket ends once: later calls are ignored', () => {
  const { health } = setup();
  const t = health.begin(KEY)!;
  t.failed('upstream_timeout');
  t.failed('upstream_timeout');
  t.succeeded({ latencyMs: 5 });
  t.released();
  const s = health.stats(KEY);
  assert.equal(s.inFlight, 0);
  assert.equal(s.consecutiveFailures, 1);
  assert.equal(s.windowAttempts, 1);
  assert.equal(s.latencyMs, undefined);
});

test('consecutive failures open the breaker; begin then skips the target until the probe is due', () => {
  const { clock, health } = setup();
  tripOpen(health);
  const s = health.stats(KEY);
  assert.equal(s.breaker, 'open');
  assert.equal(s.probeAt, clock.now + 30_000);
  assert.equal(health.available(KEY), false);
  assert.equal(health.begin(KEY), undefined);
  assert.equal(health.stats(KEY).inFlight, 0);
});

test('half-open: one probe at a time; its success closes the breaker', () => {
  const { clock, health } = setup();
  tripOpen(health);
  clock.now += 30_000;
  assert.equal(health.stats(KEY).breaker, 'half_open');
  assert.equal(health.stats(KEY).probeAt, undefined);
  assert.equal(health.available(KEY), true);
  const probe = health.begin(KEY)!;
  assert.equal(probe.probe, true);
  assert.equal(health.begin(KEY), undefined, 'a second attempt while the probe runs is skipped');
  assert.equal(health.available(KEY), false);
  probe.succeeded({ latencyMs: 200, ttftMs: 50 });
  const s = health.stats(KEY);
  assert.equal(s.breaker, 'closed');
  assert.equal(s.consecutiveFailures, 0);
  assert.equal(s.windowAttempts, 0);
  assert.equal(health.begin(KEY)?.probe, false);
});

test('a failed probe re-opens with doubled open time up to max_open_ms', () => {
  const { clock, health } = setup({ ...config, maxOpenMs: 100_000 });
  tripOpen(health);
  for (const openMs of [60_000, 100_000, 100_000]) {
    clock.now = health.stats(KEY).probeAt!;
    health.begin(KEY)!.failed('upstream_unavailable');
    assert.equal(health.stats(KEY).probeAt, clock.now + openMs);
  }
});

test('a released probe goes back to open with its probe due', () => {
  const { clock, health } = setup();
  tripOpen(health);
  clock.now += 30_000;
  health.begin(KEY)!.released();
  assert.equal(health.available(KEY), true);
  assert.equal(health.begin(KEY)?.probe, true);
});

test('the error rate opens the breaker once min_requests attempts are in the window', () => {
  const { clock, health } = setup({ ...config, consecutiveFailures: 100, minRequests: 10 });
  for (let i = 0; i < 4; i++) {
    health.begin(KEY)!.failed('rate_limited');
    health.begin(KEY)!.succeeded({ latencyMs: 10 });
  }
  assert.equal(health.stats(KEY).breaker, 'closed');
  health.begin(KEY)!.succeeded({ latencyMs: 10 });
  health.begin(KEY)!.failed('rate_limited');
  assert.equal(health.stats(KEY).breaker, 'open', '5 failures of 10 attempts');
  assert.equal(health.stats(KEY).probeAt, clock.now + 30_000);
});

test('the window forgets failures older than window_ms', () => {
  const { clock, health } = setup({ ...config, consecutiveFailures: 100, minRequests: 10 });
  const other = 'anthropic/claude-haiku';
  for (let i = 0; i < 8; i++) health.begin(other)!.failed('upstream_error');
  assert.equal(health.stats(other).windowFailures, 8);
  clock.now += 61_000;
  assert.equal(health.stats(other).windowFailures, 0);
  for (let i = 0; i < 9; i++) health.begin(other)!.succeeded({ latencyMs: 10 });
  health.begin(other)!.failed('upstream_error');
  assert.equal(health.stats(other).breaker, 'closed', '1 failure of 10 in the current window (9 of 18 had the old failures counted)');
});

test('released attempts do not move the breaker', () => {
  const { health } = setup();
  for (let i = 0; i < 10; i++) health.begin(KEY)!.released(i % 2 ? 'invalid_request' : undefined);
  const s = health.stats(KEY);
  assert.equal(s.breaker, 'closed');
  assert.equal(s.windowAttempts, 0);
});

test('latency, time to first token and throughput are moving averages of successes', () => {
  const { health } = setup();
  health.begin(KEY)!.succeeded({ latencyMs: 1100, ttftMs: 100, outputTokens: 50 });
  let s = health.stats(KEY);
  assert.equal(s.latencyMs, 1100);
  assert.equal(s.ttftMs, 100);
  assert.equal(s.throughput, 50, '50 tokens in the 1 s after the first token');
  health.begin(KEY)!.succeeded({ latencyMs: 2100, ttftMs: 600, outputTokens: 150 });
  s = health.stats(KEY);
  assert.equal(s.latencyMs, 1300);
  assert.equal(s.ttftMs, 200);
  assert.equal(s.throughput, 60);
  health.begin(KEY)!.succeeded({ latencyMs: 500 });
  s = health.stats(KEY);
  assert.equal(s.latencyMs, 1140);
  assert.equal(s.ttftMs, 200, 'no ttft measured: unchanged');
  health.begin(KEY)!.failed('upstream_error');
  assert.equal(health.stats(KEY).latencyMs, 1140, 'failures do not feed latency');
});

test('p95 time to first token appears at 20 samples and follows the last 200', () => {
  const { health } = setup();
  for (let i = 1; i <= 19; i++) health.begin(KEY)!.succeeded({ latencyMs: 1000, ttftMs: i * 10 });
  assert.equal(health.stats(KEY).p95TtftMs, undefined);
  health.begin(KEY)!.succeeded({ latencyMs: 1000, ttftMs: 200 });
  assert.equal(health.stats(KEY).p95TtftMs, 190);
  for (let i = 0; i < 200; i++) health.begin(KEY)!.succeeded({ latencyMs: 100, ttftMs: 40 });
  assert.equal(health.stats(KEY).p95TtftMs, 40);
});

test('reconfigure keeps state and applies new thresholds to the next result', () => {
  const { health } = setup({ ...config, consecutiveFailures: 5 });
  for (let i = 0; i < 3; i++) health.begin(KEY)!.failed('upstream_error');
  assert.equal(health.stats(KEY).breaker, 'closed');
  health.reconfigure({ ...config, consecutiveFailures: 4 });
  assert.equal(health.stats(KEY).consecutiveFailures, 3);
  health.begin(KEY)!.failed('upstream_error');
  assert.equal(health.stats(KEY).breaker, 'open');
});

test('retain drops targets no longer configured', () => {
  const { health } = setup();
  health.begin('a/x')!.succeeded({ latencyMs: 1 });
  health.begin('b/y')!.succeeded({ latencyMs: 1 });
  health.retain((k) => k.startsWith('a/'));
  assert.deepEqual(health.snapshot().map((s) => s.key), ['a/x']);
});

test('the map is capped: least recently used idle closed targets go first, in-flight ones never', () => {
  const clock = { now: 1_000 };
  const health = new TargetHealth(config, () => clock.now, 20);
  const running = health.begin('p/busy')!;
  clock.now++;
  tripOpen(health, 'p/open');
  for (let i = 0; i < 18; i++) {
    clock.now++;
    health.begin(`p/m${i}`)!.succeeded({ latencyMs: 1 });
  }
  clock.now++;
  health.begin('p/m0')!.released();
  assert.equal(health.size, 20);
  clock.now++;
  health.begin('p/new')!.released();
  const keys = new Set(health.snapshot().map((s) => s.key));
  assert.equal(health.size, 19, 'a tenth of the cap (2) was evicted, then the new key added');
  assert.ok(keys.has('p/busy') && keys.has('p/open') && keys.has('p/m0') && keys.has('p/new'));
  assert.ok(!keys.has('p/m1') && !keys.has('p/m2'), 'the two least recently used idle closed targets went');
  running.succeeded({ latencyMs: 1 });
});

test('attempt outcomes are counted per target', () => {
  const { health } = setup();
  health.begin(KEY)!.succeeded({ latencyMs: 1 });
  health.begin(KEY)!.succeeded({ latencyMs: 1 });
  health.begin(KEY)!.failed('upstream_timeout');
  health.begin(KEY)!.released();
  health.begin(KEY)!.released('invalid_request');
  const seen: string[] = [];
  health.forEachOutcome((key, outcome, count) => seen.push(`${key} ${outcome} ${count}`));
  assert.deepEqual(seen.sort(), [`${KEY} cancelled 1`, `${KEY} invalid_request 1`, `${KEY} ok 2`, `${KEY} upstream_timeout 1`]);
});

test('a health check probes an open breaker before its probe is due, without feeding averages', () => {
  const { clock, health } = setup();
  assert.equal(health.beginHealthCheck(KEY), undefined, 'unknown target');
  tripOpen(health);
  assert.deepEqual(health.probeCandidates(), [KEY]);
  const check = health.beginHealthCheck(KEY)!;
  assert.equal(check.probe, true);
  assert.deepEqual(health.probeCandidates(), []);
  assert.equal(health.beginHealthCheck(KEY), undefined, 'one probe at a time');
  clock.now += 30_000;
  assert.equal(health.begin(KEY), undefined, 'the check holds the probe slot');
  check.succeeded({ latencyMs: 3 });
  const s = health.stats(KEY);
  assert.equal(s.breaker, 'closed');
  assert.equal(s.latencyMs, undefined);
  assert.equal(s.inFlight, 0);
});

test('a failed health check re-opens with doubled open time', () => {
  const { clock, health } = setup();
  tripOpen(health);
  clock.now += 1_000;
  health.beginHealthCheck(KEY)!.failed('health_check');
  assert.equal(health.stats(KEY).probeAt, clock.now + 60_000);
  let outcomes = 0;
  health.forEachOutcome((_k, o) => (outcomes += o === 'health_check' ? 1 : 0));
  assert.equal(outcomes, 0);
});
