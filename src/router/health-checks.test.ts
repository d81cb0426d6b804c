import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import type { BreakerConfig, HealthCheckConfig } from '../config/types.ts';
import { silentLogger } from '../observability/logger.ts';
import { startHealthChecks } from './health-checks.ts';
import { TargetHealth } from './target-health.ts';

const breaker: BreakerConfig = { consecutiveFailures: 1, errorRate: 0.5, minRequests: 20, windowMs: 60_000, openMs: 60_000, maxOpenMs: 300_000 };

function openTargets(...keys: string[]) {
  const health = new TargetHealth(breaker);
  for (const k of keys) health.begin(k)!.failed('upstream_error');
  return health;
}

async function until(cond: () => boolean, what: string, timeoutMs = 2000) {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
}

function checks(health: TargetHealth, probe: (key: string, signal: AbortSignal) => Promise<boolean>, config: HealthCheckConfig = { intervalMs: 5, timeoutMs: 1000 }) {
  const current = { config };
  const running = startHealthChecks({ health, config: () => current.config, probe, log: silentLogger(), offRecheckMs: 5 });
  return { current, stop: () => running.stop() };
}

test('a passing check closes an open breaker before its half-open time', async (t) => {
  const health = openTargets('openai/gpt-4o');
  const probed: string[] = [];
  const c = checks(health, async (key) => (probed.push(key), true));
  t.after(c.stop);
  await until(() => health.stats('openai/gpt-4o').breaker === 'closed', 'the breaker to close');
  assert.deepEqual(probed, ['openai/gpt-4o']);
  assert.equal(health.stats('openai/gpt-4o').inFlight, 0);
  await sleep(30);
  assert.equal(probed.length, 1, 'closed targets are not probed');
});

test('a failing check re-opens with a doubled open time and is retried every interval', async (t) => {
  const health = openTargets('a/m');
  let calls = 0;
  const c = checks(health, async () => (calls++, false));
  t.after(c.stop);
  await until(() => calls >= 3, 'three checks');
  const s = health.stats('a/m');
  assert.equal(s.breaker, 'open');
  assert.ok(s.probeAt! - Date.now() > 200_000, '60 s doubled on each failed check up to the 300 s cap');
});

test('a check that throws or times out counts as failed', async (t) => {
  const health = openTargets('a/throws', 'a/hangs');
  const before = { throws: health.stats('a/throws').probeAt!, hangs: health.stats('a/hangs').probeAt! };
  let hangAborted = false;
  const c = checks(
    health,
    (key, signal) => {
      if (key === 'a/throws') return Promise.reject(new Error('connection refused'));
      signal.addEventListener('abort', () => (hangAborted = true));
      return new Promise<boolean>(() => {});
    },
    { intervalMs: 5, timeoutMs: 20 },
  );
  t.after(c.stop);
  await until(() => health.stats('a/throws').probeAt! > before.throws && health.stats('a/hangs').probeAt! > before.hangs, 'both to re-open');
  assert.equal(hangAborted, true, 'the hung probe was told to stop');
  assert.equal(health.stats('a/hangs').inFlight, 0);
});

test('at most `concurrency` checks run at once, and one per target', async (t) => {
  const keys = Array.from({ length: 10 }, (_, i) => `p/m${i}`);
  const health = openTargets(...keys);
  let active = 0;
  let peak = 0;
  const perKey = new Map<string, number>();
  const c = checks(health, async (key) => {
    active++;
    perKey.set(key, (perKey.get(key) ?? 0) + 1);
    assert.equal(perKey.get(key), 1, `${key} probed twice at once`);
    peak = Math.max(peak, active);
    await sleep(15);
    perKey.set(key, perKey.get(key)! - 1);
    active--;
    return true;
  });
  t.after(c.stop);
  await until(() => keys.every((k) => health.stats(k).breaker === 'closed'), 'all breakers to close');
  assert.equal(peak, 4);
});

test('interval 0 turns checks off; a reload that sets an interval turns them on', async (t) => {
  const health = openTargets('a/m');
  let calls = 0;
  const c = checks(health, async () => (calls++, true), { intervalMs: 0, timeoutMs: 1000 });
  t.after(c.stop);
  await sleep(40);
  assert.equal(calls, 0);
  c.current.config = { intervalMs: 5, timeoutMs: 1000 };
  await until(() => calls === 1, 'a check after the reload');
});

test('stop aborts a running check and leaves the breaker open with its probe slot free', async () => {
  const health = openTargets('a/m');
  let signal: AbortSignal | undefined;
  const c = checks(health, (_key, s) => ((signal = s), new Promise<boolean>(() => {})));
  await until(() => signal !== undefined, 'a check to start');
  assert.equal(health.stats('a/m').inFlight, 1);
  c.stop();
  assert.equal(signal!.aborted, true);
  await until(() => health.stats('a/m').inFlight === 0, 'the check to end');
  assert.equal(health.stats('a/m').breaker, 'open');
  assert.deepEqual(health.probeCandidates(), ['a/m']);
});
