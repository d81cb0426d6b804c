import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AttemptRecord } from '../../src/store/store-types.ts';
import { errorBody } from './gateway-harness.ts';
import { gapMs, scriptedRandom, startFleet, user, type Fleet } from './resilience-harness.ts';

/** Each attempt as `provider:outcome:status`, for exact comparisons. */
const attemptsOf = (log: AttemptRecord[]) => log.map((a) => `${a.provider}:${a.outcome}:${a.upstreamStatus ?? '-'}`);
const requestId = (res: Response) => res.headers.get('x-request-id')!;

const RETRY = '{ attempts_per_target: 2, max_attempts: 6, backoff_initial_ms: 20, backoff_max_ms: 40, max_retry_after_ms: 1000 }';

describe('retries and failover by error class', () => {
  let f: Fleet;
  const a = scriptedRandom();
  before(async () => {
    f = await startFleet({
      emulators: { a: { random: a.random }, b: {} },
      // The breaker never opens here: every test sees only the retry policy.
      yaml: `
routing:
  breaker: { consecutive_failures: 1000, min_requests: 1000000 }
models:
  pair:
    targets: [a/m, b/m]
    retry: ${RETRY}
  solo:
    targets: [a/m]
    retry: ${RETRY}
  timeouts:
    targets:
      - { provider: a, model: m, timeouts: { first_byte_ms: 200 } }
      - b/m
    retry: ${RETRY}
  deadline:
    targets:
      - { provider: a, model: m, timeouts: { first_byte_ms: 200 } }
      - { provider: b, model: m, timeouts: { first_byte_ms: 5000 } }
    deadline_ms: 1500
  deadline-wait:
    targets: [a/m]
    retry: { attempts_per_target: 5, backoff_initial_ms: 20, backoff_max_ms: 40, max_retry_after_ms: 5000 }
    deadline_ms: 700
`,
    });
  });
  beforeEach(() => {
    f.resetEmulators();
    a.script.length = 0;
  });
  after(() => f.close());

  const ask = (model: string, content = 'hello there') => f.chat({ model, messages: user(content) });

  for (const [status, errorClass] of [[500, 'upstream_error'], [502, 'upstream_error'], [503, 'upstream_unavailable']] as const) {
    test(`${status} fails over to the next target at once; the faulting target is not retried once another answers`, async () => {
      f.emu.a.setScenario({ kind: 'down', status });
      const res = await ask('pair');
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('x-switchyard-provider'), 'b');
      assert.equal(res.headers.get('x-switchyard-attempts'), '2');
      assert.equal(f.emu.a.log.count(), 1);
      assert.equal(f.emu.b.log.count(), 1);
      assert.ok(gapMs(f.emu.a.log.entries()[0], f.emu.b.log.entries()[0]) < 100, 'no backoff before failing over');
      assert.deepEqual(attemptsOf((await f.record(requestId(res))).attemptLog), [`a:${errorClass}:${status}`, 'b:ok:-']);
    });
  }

  test('when every target faults, each is retried once after its backoff, then the last error is returned', async () => {
    f.emu.a.setScenario({ kind: 'down', status: 500 });
    f.emu.b.setScenario({ kind: 'down', status: 503 });
    const res = await ask('pair');
    assert.equal(res.status, 502);
    assert.equal(res.headers.get('x-switchyard-attempts'), '4');
    assert.equal(f.emu.a.log.count(), 2);
    assert.equal(f.emu.b.log.count(), 2);
    const log = attemptsOf((await f.record(requestId(res))).attemptLog);
    assert.deepEqual(log.slice(0, 2), ['a:upstream_error:500', 'b:upstream_unavailable:503']);
    assert.deepEqual(log.slice(2).sort(), ['a:upstream_error:500', 'b:upstream_unavailable:503']);
  });

  test('a single-target route retries a server fault once, after a backoff, and answers when the retry succeeds', async () => {
    f.emu.a.setScenario({ kind: 'flapping', failRate: 0.5, status: 500 });
    a.script.push(0.1);
    const res = await ask('solo');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-switchyard-attempts'), '2');
    const [first, second] = f.emu.a.log.entries();
    assert.equal(first.status, 500);
    assert.equal(second.outcome, 'completed');
    assert.ok(gapMs(first, second) >= 0);
    assert.deepEqual(attemptsOf((await f.record(requestId(res))).attemptLog), ['a:upstream_error:500', 'a:ok:-']);
  });

  test('a single-target route that keeps faulting gets exactly attempts_per_target tries', async () => {
    f.emu.a.setScenario({ kind: 'down', status: 502 });
    const res = await ask('solo');
    assert.equal(res.status, 502);
    assert.equal((await errorBody(res)).code, 'upstream_server_error');
    assert.equal(f.emu.a.log.count(), 2);
  });

  test('429 with a Retry-After within max_retry_after_ms: the target is retried after exactly that wait', async () => {
    f.emu.a.setScenario({ kind: 'flapping', failRate: 0.5, status: 429 });
    f.emu.a.setDefaults({ retry_after: 0.4 });
    a.script.push(0.1);
    const t0 = performance.now();
    const res = await ask('solo');
    const elapsed = performance.now() - t0;
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-switchyard-attempts'), '2');
    const [first, second] = f.emu.a.log.entries();
    assert.equal(first.status, 429);
    const waited = gapMs(first, second);
    // retry-after-ms (400) wins over the whole-second retry-after (1).
    assert.ok(waited >= 390 && waited < 900, `waited ${waited} ms`);
    assert.ok(elapsed >= 400, `answered after ${elapsed} ms`);
  });

  test('429 with a Retry-After moves on at once; the throttled target comes back when its wait is over', async () => {
    f.emu.a.setScenario({ kind: 'flapping', failRate: 0.5, status: 429 });
    f.emu.a.setDefaults({ retry_after: 0.4 });
    a.script.push(0.1);
    f.emu.b.setScenario({ kind: 'down', status: 503 });
    const res = await ask('pair');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-switchyard-provider'), 'a');
    const log = attemptsOf((await f.record(requestId(res))).attemptLog);
    // b is tried at once, retried after its short backoff, and a is back only after its 400 ms.
    assert.deepEqual(log, ['a:rate_limited:429', 'b:upstream_unavailable:503', 'b:upstream_unavailable:503', 'a:ok:-']);
    const [aFirst, aSecond] = f.emu.a.log.entries();
    assert.ok(gapMs(aFirst, f.emu.b.log.entries()[0]) < 100);
    assert.ok(gapMs(aFirst, aSecond) >= 390, `a retried after ${gapMs(aFirst, aSecond)} ms`);
  });

  test('429 with a Retry-After beyond max_retry_after_ms: no wait, the 429 and its Retry-After reach the client', async () => {
    f.emu.a.setScenario({ kind: 'throttled', retryAfterSeconds: 3 });
    const t0 = performance.now();
    const res = await ask('solo');
    assert.ok(performance.now() - t0 < 500);
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '3');
    assert.equal((await errorBody(res)).code, 'upstream_rate_limited');
    assert.equal(f.emu.a.log.count(), 1);
  });

  test('429 with a too-long Retry-After is never retried, even when every other target fails', async () => {
    f.emu.a.setScenario({ kind: 'throttled', retryAfterSeconds: 3 });
    f.emu.b.setScenario({ kind: 'down', status: 503 });
    const t0 = performance.now();
    const res = await ask('pair');
    assert.ok(performance.now() - t0 < 1000);
    assert.equal(res.status, 502);
    assert.equal(f.emu.a.log.count(), 1);
    assert.equal(f.emu.b.log.count(), 2);
  });

  test('a connection reset is retried on the same target before any other', async () => {
    f.emu.a.setScenario({ kind: 'down', reset: true });
    void f.emu.a.log.waitFor((e) => e.outcome === 'cut').then(() => f.emu.a.setScenario({ kind: 'healthy' }));
    const res = await ask('pair');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-switchyard-provider'), 'a');
    assert.equal(res.headers.get('x-switchyard-attempts'), '2');
    assert.equal(f.emu.b.log.count(), 0);
    assert.deepEqual(attemptsOf((await f.record(requestId(res))).attemptLog), ['a:upstream_error:-', 'a:ok:-']);
  });

  test('a target that keeps resetting is tried attempts_per_target times, then the next target answers', async () => {
    f.emu.a.setScenario({ kind: 'down', reset: true });
    const res = await ask('pair');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-switchyard-provider'), 'b');
    assert.deepEqual(f.emu.a.log.entries().map((e) => e.outcome), ['cut', 'cut']);
    assert.deepEqual(attemptsOf((await f.record(requestId(res))).attemptLog), ['a:upstream_error:-', 'a:upstream_error:-', 'b:ok:-']);
  });

  test('a first-byte timeout fails over and the silent target is abandoned, not retried', async () => {
    f.emu.a.setDefaults({ hang: true });
    const t0 = performance.now();
    const res = await ask('timeouts');
    const elapsed = performance.now() - t0;
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-switchyard-provider'), 'b');
    // undici checks header timeouts on a ~0.5 s tick, so a 200 ms first-byte timeout fires within about a second.
    assert.ok(elapsed >= 195 && elapsed < 1500, `answered after ${elapsed} ms`);
    await f.emu.a.log.waitFor((e) => e.outcome === 'aborted', 2000);
    assert.deepEqual(attemptsOf((await f.record(requestId(res))).attemptLog), ['a:upstream_timeout:-', 'b:ok:-']);
  });

  test('a timed-out target is not retried even when every other target fails', async () => {
    f.emu.a.setDefaults({ hang: true });
    f.emu.b.setScenario({ kind: 'down', status: 503 });
    const res = await ask('timeouts');
    assert.equal(res.status, 502);
    assert.equal(f.emu.a.log.count(), 1);
    assert.equal(f.emu.b.log.count(), 2);
  });

  test('an upstream 401 fails over and is reported as the gateway\'s problem', async () => {
    f.emu.a.setScenario({ kind: 'down', status: 401 });
    const res = await ask('pair');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-switchyard-provider'), 'b');
    assert.deepEqual(attemptsOf((await f.record(requestId(res))).attemptLog), ['a:upstream_auth:401', 'b:ok:-']);
  });

  test('an upstream 401 is never retried on the same target, even when every other target fails', async () => {
    f.emu.a.setScenario({ kind: 'down', status: 401 });
    f.emu.b.setScenario({ kind: 'down', status: 503 });
    const res = await ask('pair');
    assert.equal(res.status, 502);
    assert.equal(f.emu.a.log.count(), 1);
    assert.equal(f.emu.b.log.count(), 2);
  });

  test('a single-target route does not retry an upstream 401', async () => {
    f.emu.a.setScenario({ kind: 'down', status: 401 });
    const res = await ask('solo');
    assert.equal(res.status, 502);
    assert.equal((await errorBody(res)).code, 'upstream_auth_failed');
    assert.equal(f.emu.a.log.count(), 1);
  });

  test('the client\'s own bad request (upstream 400) is returned at once; no other target is tried', async () => {
    const res = await ask('pair', 'hello [emu status=400 error_message=temperature_is_out_of_range]');
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('x-switchyard-attempts'), '1');
    assert.equal((await errorBody(res)).message, 'temperature is out of range');
    assert.equal(f.emu.a.log.count(), 1);
    assert.equal(f.emu.b.log.count(), 0);
  });

  test('deadline_ms bounds the whole request: the last attempt gets only what is left of it', async () => {
    f.emu.a.setDefaults({ hang: true });
    f.emu.b.setDefaults({ hang: true });
    const t0 = performance.now();
    const res = await ask('deadline');
    const elapsed = performance.now() - t0;
    assert.equal(res.status, 504);
    assert.match((await errorBody(res)).message, /provider b did not finish before the request's deadline \(the route's deadline_ms; \d+ ms were left for this attempt\)/);
    // a gives up on its own first-byte timeout; b's is 5 s, but only the rest of the 1.5 s deadline is left.
    assert.ok(elapsed >= 1480 && elapsed < 2300, `answered after ${elapsed} ms`);
    await f.emu.b.log.waitFor((e) => e.outcome === 'aborted', 2000);
    const log = (await f.record(requestId(res))).attemptLog;
    assert.deepEqual(attemptsOf(log), ['a:upstream_timeout:-', 'b:upstream_timeout:-']);
    assert.ok(log[0].latencyMs < 1300, `a waited ${log[0].latencyMs} ms`);
    assert.ok(Math.abs(log[0].latencyMs + log[1].latencyMs - 1500) < 100, `a ${log[0].latencyMs} ms + b ${log[1].latencyMs} ms`);
  });

  test('deadline_ms bounds waits too: a Retry-After that would end past the deadline is not waited for', async () => {
    f.emu.a.setScenario({ kind: 'throttled', retryAfterSeconds: 0.4 });
    const t0 = performance.now();
    const res = await ask('deadline-wait');
    const elapsed = performance.now() - t0;
    assert.equal(res.status, 429);
    // 429 at 0, wait 400, 429 at ~400; the next 400 ms wait would pass the 700 ms deadline: answer now.
    assert.equal(f.emu.a.log.count(), 2);
    assert.ok(elapsed >= 390 && elapsed < 700, `answered after ${elapsed} ms`);
  });
});

describe('context-window fallback', () => {
  let f: Fleet;
  const windows = (strict: boolean) => `
    targets:
      - { provider: a, model: small, context_window: 1000 }
      - { provider: c, model: smaller, context_window: 800 }
      - { provider: b, model: large, context_window: 100000 }${strict ? '\n    context_window_fallback: false' : ''}`;
  before(async () => {
    f = await startFleet({
      emulators: { a: {}, b: {}, c: {} },
      yaml: `
models:
  long:${windows(false)}
  long-strict:${windows(true)}
  too-long:
    targets:
      - { provider: a, model: small-b, context_window: 1000 }
      - { provider: b, model: mid, context_window: 2000 }
    retry: { backoff_initial_ms: 20, backoff_max_ms: 40 }
`,
    });
  });
  beforeEach(() => {
    f.resetEmulators();
    f.emu.a.setDefaults({ context_window: 1000 });
    f.emu.c.setDefaults({ context_window: 800 });
  });
  after(() => f.close());

  const longPrompt = Array.from({ length: 1500 }, (_, i) => `w${i}`).join(' ');

  test('a prompt too long for the first target is answered by the next one with a larger window', async () => {
    const res = await f.chat({ model: 'long', messages: user(longPrompt) });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-switchyard-provider'), 'b');
    assert.equal(res.headers.get('x-switchyard-model'), 'large');
    assert.equal(res.headers.get('x-switchyard-attempts'), '2');
    assert.equal(f.emu.a.log.entries()[0].status, 400);
    assert.equal(f.emu.c.log.count(), 0, 'the target with a smaller window is skipped');
    const log = (await f.record(requestId(res))).attemptLog;
    assert.deepEqual(log.map((x) => `${x.provider}:${x.upstreamStatus ?? '-'}`), ['a:400', 'b:-']);
  });

  test('a short prompt stays on the first target', async () => {
    const res = await f.chat({ model: 'long', messages: user('short') });
    assert.equal(res.headers.get('x-switchyard-provider'), 'a');
    assert.equal(f.emu.b.log.count() + f.emu.c.log.count(), 0);
  });

  test('a prompt too long for every window ends with the context-length 400, not a retry of a smaller faulted target', async () => {
    f.emu.a.setScenario({ kind: 'down', status: 503 });
    f.emu.b.setDefaults({ context_window: 2000 });
    const res = await f.chat({ model: 'too-long', messages: user(`${longPrompt} ${longPrompt}`) });
    assert.equal(res.status, 400);
    assert.equal((await errorBody(res)).code, 'context_length_exceeded');
    // a's 503 would normally earn it a retry, but b (larger) already said the prompt does not fit.
    assert.equal(f.emu.a.log.count(), 1);
    assert.equal(f.emu.b.log.count(), 1);
  });

  test('with context_window_fallback: false the context-length 400 is returned', async () => {
    const res = await f.chat({ model: 'long-strict', messages: user(longPrompt) });
    assert.equal(res.status, 400);
    assert.equal((await errorBody(res)).code, 'context_length_exceeded');
    assert.equal(f.emu.a.log.count(), 1);
    assert.equal(f.emu.b.log.count() + f.emu.c.log.count(), 0);
  });
});
