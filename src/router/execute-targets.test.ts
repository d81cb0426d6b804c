import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RetryPolicy } from '../config/types.ts';
import { HttpError } from '../server/http-error.ts';
import type { UpstreamFailure } from '../upstream/upstream-failure.ts';
import { executeTargets, type AttemptHandle, type AttemptResult, type AttemptTicket, type ExecutionPolicy, type TargetGate } from './execute-targets.ts';
import type { PlannedTarget, TargetStats } from './router-types.ts';

const TIMEOUTS = { connectMs: 1000, firstByteMs: 1000, idleMs: 1000, totalMs: 60_000 };
const target = (provider: string, extra: Partial<PlannedTarget> = {}): PlannedTarget => ({
  provider, model: 'm', key: `${provider}/m`, route: 'r', weight: 1, priority: 0,
  dataPolicy: { dataCollection: 'allow', zdr: false }, timeouts: TIMEOUTS, ...extra,
});
const RETRY: RetryPolicy = { attemptsPerTarget: 2, maxAttempts: 6, backoffInitialMs: 10, backoffMaxMs: 40, maxRetryAfterMs: 1000 };
const policy = (p: Partial<ExecutionPolicy> = {}): ExecutionPolicy => ({ retry: RETRY, deadlineMs: 10_000, contextWindowFallback: true, ...p });

const fail = (errorClass: UpstreamFailure['errorClass'], extra: Partial<UpstreamFailure> = {}): AttemptResult<string> => ({
  ok: false,
  committed: false,
  failure: {
    errorClass,
    action: errorClass === 'invalid_request' || errorClass === 'client_disconnected' ? 'return' : 'failover',
    clientError: new HttpError(502, 'upstream_error', errorClass, `${errorClass} happened`),
    ...extra,
  },
});
const ok = (value: string): AttemptResult<string> => ({ ok: true, value });

/** A gate that records ticket ends and refuses the keys it is told are open. */
function fakeGate(open: Record<string, number> = {}, p95?: number) {
  const ends: string[] = [];
  const gate: TargetGate = {
    begin(key) {
      if (key in open) return undefined;
      const ticket: AttemptTicket = {
        succeeded: () => ends.push(`${key}:ok`),
        failed: (c) => ends.push(`${key}:failed:${c}`),
        released: (outcome) => ends.push(`${key}:released${outcome ? `:${outcome}` : ''}`),
      };
      return ticket;
    },
    stats: (key): TargetStats => ({ key, breaker: key in open ? 'open' : 'closed', probeAt: open[key], inFlight: 0, p95TtftMs: p95, windowAttempts: 0, windowFailures: 0, consecutiveFailures: 0 }),
  };
  return { gate, ends };
}

const deps = (gate: TargetGate, client = new AbortController().signal) => ({ gate, client, requestStart: performance.now(), random: () => 0.5 });
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    });
  });

describe('executeTargets', () => {
  it('scrubs every failed attempt\'s client error with the scrubber it is given, thrown errors included', async () => {
    const { gate } = fakeGate();
    const scrubber = { scrub: (t: string) => t.replaceAll('KEY123', '<redacted>') };
    const leaky = fail('invalid_request', { clientError: new HttpError(400, 'invalid_request_error', 'KEY123', 'bad KEY123', { param: 'KEY123' }) });
    const exec = await executeTargets([target('a')], policy(), { ...deps(gate), scrubber }, async () => leaky);
    assert.equal(exec.ok, false);
    if (exec.ok) return;
    assert.deepEqual([exec.failure.clientError.message, exec.failure.clientError.code, exec.failure.clientError.param], ['bad <redacted>', '<redacted>', '<redacted>']);
    const thrown = await executeTargets([target('a')], policy(), { ...deps(gate), scrubber }, async () => {
      throw new Error('decoder choked on KEY123');
    });
    assert.equal(thrown.ok, false);
    if (!thrown.ok) assert.match(thrown.failure.clientError.message, /choked on <redacted>$/);
  });

  it('returns the first success and records one attempt', async () => {
    const { gate, ends } = fakeGate();
    const exec = await executeTargets([target('a'), target('b')], policy(), deps(gate), async () => ok('fine'));
    assert.equal(exec.ok, true);
    assert.equal(exec.target?.provider, 'a');
    assert.deepEqual(exec.attempts.map((a) => [a.provider, a.outcome, a.hedge]), [['a', 'ok', false]]);
    assert.deepEqual(ends, ['a/m:ok']);
  });

  it('fails over without retrying a timeout, an auth rejection or a refused connection', async () => {
    const { gate, ends } = fakeGate();
    const seen: string[] = [];
    const answers: Record<string, AttemptResult<string>> = { a: fail('upstream_timeout'), b: fail('upstream_auth'), c: fail('upstream_unavailable'), d: ok('d') };
    const exec = await executeTargets([target('a'), target('b'), target('c'), target('d')], policy(), deps(gate), async (h) => {
      seen.push(h.target.provider);
      return answers[h.target.provider];
    });
    assert.equal(exec.ok, true);
    assert.deepEqual(seen, ['a', 'b', 'c', 'd']);
    assert.deepEqual(ends, ['a/m:failed:upstream_timeout', 'b/m:failed:upstream_auth', 'c/m:failed:upstream_unavailable', 'd/m:ok']);
  });

  it('fails over at once on a server fault, and retries the faulting target after backoff when the others fail too', async () => {
    const { gate } = fakeGate();
    const seen: string[] = [];
    let n = 0;
    const exec = await executeTargets([target('a'), target('b')], policy(), deps(gate), async (h) => {
      seen.push(h.target.provider);
      return ++n <= 2 ? fail('upstream_error', { upstreamStatus: 500 }) : ok(h.target.provider);
    });
    assert.equal(exec.ok, true);
    assert.deepEqual(seen, ['a', 'b', 'a']);
    assert.deepEqual(exec.attempts.map((a) => [a.provider, a.outcome]), [['a', 'upstream_error'], ['b', 'upstream_error'], ['a', 'ok']]);
    // 5 ms of backoff, less up to 1 ms that Node's millisecond timers may fire early and 1 ms of rounding of startMs.
    const waited = exec.attempts[2].startMs - exec.attempts[0].startMs;
    assert.ok(waited >= 3, `the retry waited a jittered backoff (0.5 × 10 ms), not ${waited} ms`);
  });

  it('retries a broken connection on the same target before moving on', async () => {
    const { gate } = fakeGate();
    const seen: string[] = [];
    const exec = await executeTargets([target('a'), target('b')], policy(), deps(gate), async (h) => {
      seen.push(h.target.provider);
      return h.target.provider === 'a' ? fail('upstream_error') : ok('b');
    });
    assert.equal(exec.ok, true);
    assert.deepEqual(seen, ['a', 'a', 'b']);
  });

  it('waits Retry-After before retrying a throttled target', async () => {
    const { gate } = fakeGate();
    let n = 0;
    const t0 = performance.now();
    const exec = await executeTargets([target('a')], policy(), deps(gate), async () => (++n === 1 ? fail('rate_limited', { upstreamStatus: 429, retryAfterMs: 120 }) : ok('later')));
    assert.equal(exec.ok, true);
    assert.equal(n, 2);
    assert.ok(performance.now() - t0 >= 115, 'waited the Retry-After');
  });

  it('moves on at once when Retry-After is longer than the route accepts', async () => {
    const { gate } = fakeGate();
    const seen: string[] = [];
    const t0 = performance.now();
    const exec = await executeTargets([target('a'), target('b')], policy(), deps(gate), async (h) => {
      seen.push(h.target.provider);
      return h.target.provider === 'a' ? fail('rate_limited', { upstreamStatus: 429, retryAfterMs: 30_000 }) : ok('b');
    });
    assert.equal(exec.ok, true);
    assert.deepEqual(seen, ['a', 'b']);
    assert.ok(performance.now() - t0 < 100);
  });

  it('returns the last failure when every target fails, with its client error', async () => {
    const { gate } = fakeGate();
    const exec = await executeTargets([target('a'), target('b')], policy({ retry: { ...RETRY, attemptsPerTarget: 1 } }), deps(gate), async (h) =>
      h.target.provider === 'a' ? fail('upstream_error', { upstreamStatus: 500 }) : fail('rate_limited', { upstreamStatus: 429 }));
    assert.equal(exec.ok, false);
    if (exec.ok) return;
    assert.equal(exec.failure.errorClass, 'rate_limited');
    assert.equal(exec.target?.provider, 'b');
    assert.equal(exec.attempts.length, 2);
  });

  it("never retries the client's own mistake", async () => {
    const { gate, ends } = fakeGate();
    let n = 0;
    const exec = await executeTargets([target('a'), target('b')], policy(), deps(gate), async () => {
      n++;
      return fail('invalid_request', { upstreamStatus: 400 });
    });
    assert.equal(exec.ok, false);
    assert.equal(n, 1);
    assert.deepEqual(ends, ['a/m:released:invalid_request'], 'a client mistake does not count against the target');
  });

  it('stops when a failure comes after the response was committed', async () => {
    const { gate } = fakeGate();
    let n = 0;
    const exec = await executeTargets([target('a'), target('b')], policy(), deps(gate), async (h) => {
      n++;
      assert.equal(h.claim(), true);
      return { ...fail('upstream_error', { upstreamStatus: 500 }), committed: true } as AttemptResult<string>;
    });
    assert.equal(exec.ok, false);
    assert.equal(n, 1);
    if (!exec.ok) assert.equal(exec.committed, true);
  });

  it('bounds the total attempts by maxAttempts', async () => {
    const { gate } = fakeGate();
    let n = 0;
    const plan = ['a', 'b', 'c', 'd', 'e'].map((p) => target(p));
    const exec = await executeTargets(plan, policy({ retry: { ...RETRY, maxAttempts: 3 } }), deps(gate), async () => {
      n++;
      return fail('upstream_timeout');
    });
    assert.equal(exec.ok, false);
    assert.equal(n, 3);
  });

  it('does not wait past the request deadline: a retry that would not fit fails over instead', async () => {
    const { gate } = fakeGate();
    const seen: string[] = [];
    const exec = await executeTargets([target('a'), target('b')], policy({ deadlineMs: 200 }), deps(gate), async (h) => {
      seen.push(h.target.provider);
      assert.ok(h.remainingMs <= 200);
      return h.target.provider === 'a' ? fail('rate_limited', { upstreamStatus: 429, retryAfterMs: 500 }) : ok('b');
    });
    assert.equal(exec.ok, true);
    assert.deepEqual(seen, ['a', 'b']);
  });

  it('gives each attempt the whole milliseconds left of the deadline (they end up in timeout messages)', async () => {
    const { gate } = fakeGate();
    const left: number[] = [];
    await executeTargets([target('a'), target('b')], policy({ deadlineMs: 1000 }), deps(gate), async (h) => {
      left.push(h.remainingMs);
      await sleep(3.3);
      return h.target.provider === 'a' ? fail('upstream_timeout') : ok('b');
    });
    assert.equal(left.length, 2);
    for (const ms of left) assert.ok(Number.isInteger(ms) && ms > 0 && ms <= 1000, `remainingMs ${ms}`);
  });

  it('stops walking once the deadline has passed', async () => {
    const { gate } = fakeGate();
    const seen: string[] = [];
    const exec = await executeTargets([target('a'), target('b')], policy({ deadlineMs: 50 }), deps(gate), async (h) => {
      seen.push(h.target.provider);
      await sleep(80);
      return fail('upstream_timeout');
    });
    assert.equal(exec.ok, false);
    assert.deepEqual(seen, ['a']);
  });

  it('skips targets whose breaker is open, and answers 503 with Retry-After when none is left', async () => {
    const probeAt = Date.now() + 4_500;
    const { gate } = fakeGate({ 'a/m': probeAt });
    const seen: string[] = [];
    const exec = await executeTargets([target('a'), target('b')], policy(), deps(gate), async (h) => {
      seen.push(h.target.provider);
      return ok('b');
    });
    assert.equal(exec.ok, true);
    assert.deepEqual(seen, ['b']);

    const none = await executeTargets([target('a')], policy(), deps(fakeGate({ 'a/m': probeAt }).gate), async () => ok('never'));
    assert.equal(none.ok, false);
    if (none.ok) return;
    assert.equal(none.attempts.length, 0);
    assert.equal(none.failure.clientError.status, 503);
    assert.equal(none.failure.clientError.code, 'no_healthy_target');
    assert.equal(none.failure.clientError.headers?.['retry-after'], '5');
  });

  it('moves a context-length error to a target with a larger window, skipping smaller ones', async () => {
    const { gate } = fakeGate();
    const seen: string[] = [];
    const tooLong: AttemptResult<string> = {
      ok: false, committed: false,
      failure: { errorClass: 'invalid_request', action: 'return', upstreamStatus: 400, clientError: new HttpError(400, 'invalid_request_error', 'context_length_exceeded', 'too long') },
    };
    const plan = [target('small', { contextWindow: 8000 }), target('same', { contextWindow: 8000 }), target('unknown'), target('big', { contextWindow: 128_000 })];
    const exec = await executeTargets(plan, policy(), deps(gate), async (h) => {
      seen.push(h.target.provider);
      return h.target.provider === 'big' ? ok('big') : tooLong;
    });
    assert.equal(exec.ok, true);
    assert.deepEqual(seen, ['small', 'big']);

    seen.length = 0;
    const off = await executeTargets(plan, policy({ contextWindowFallback: false }), deps(gate), async (h) => {
      seen.push(h.target.provider);
      return tooLong;
    });
    assert.equal(off.ok, false);
    assert.deepEqual(seen, ['small']);
  });

  it('does not come back to a faulted target no larger than one that refused the prompt as too long', async () => {
    const { gate } = fakeGate();
    const seen: string[] = [];
    const tooLong: AttemptResult<string> = {
      ok: false, committed: false,
      failure: { errorClass: 'invalid_request', action: 'return', upstreamStatus: 400, clientError: new HttpError(400, 'invalid_request_error', 'context_length_exceeded', 'too long') },
    };
    const plan = [target('small', { contextWindow: 8000 }), target('big', { contextWindow: 32_000 })];
    const exec = await executeTargets(plan, policy(), deps(gate), async (h) => {
      seen.push(h.target.provider);
      return h.target.provider === 'small' ? fail('upstream_unavailable', { upstreamStatus: 503 }) : tooLong;
    });
    assert.deepEqual(seen, ['small', 'big']);
    assert.equal(exec.ok, false);
    assert.equal(exec.failure.clientError.code, 'context_length_exceeded');
  });

  it('hedges a slow first target: the first to claim wins, the other is cancelled and released', async () => {
    const { gate, ends } = fakeGate();
    let slowSignal: AbortSignal | undefined;
    const exec = await executeTargets([target('slow'), target('fast')], policy({ hedge: { after: { fixedMs: 30 } } }), deps(gate), async (h: AttemptHandle) => {
      if (h.target.provider === 'slow') {
        slowSignal = h.signal;
        try {
          await sleep(1000, h.signal);
        } catch {
          return fail('client_disconnected');
        }
        return h.claim() ? ok('slow') : fail('client_disconnected');
      }
      await sleep(10);
      assert.equal(h.claim(), true);
      return ok('fast');
    });
    assert.equal(exec.ok, true);
    if (!exec.ok) return;
    assert.equal(exec.value, 'fast');
    assert.equal(slowSignal?.aborted, true, 'the loser was cancelled');
    assert.deepEqual(exec.attempts.map((a) => [a.provider, a.outcome, a.hedge]), [['slow', 'cancelled', false], ['fast', 'ok', true]]);
    assert.ok(exec.attempts[1].startMs - exec.attempts[0].startMs >= 25, 'the hedge started after the threshold');
    await sleep(5);
    assert.deepEqual(ends.sort(), ['fast/m:ok', 'slow/m:released']);
  });

  it('does not hedge when the first target answers before the threshold', async () => {
    const { gate } = fakeGate();
    const seen: string[] = [];
    const exec = await executeTargets([target('a'), target('b')], policy({ hedge: { after: { fixedMs: 100 } } }), deps(gate), async (h) => {
      seen.push(h.target.provider);
      await sleep(10);
      return ok(h.target.provider);
    });
    assert.equal(exec.ok, true);
    assert.deepEqual(seen, ['a']);
  });

  it("uses the target's p95 time to first token as the hedge threshold, within its floor", async () => {
    const { gate } = fakeGate({}, 60);
    const exec = await executeTargets([target('a'), target('b')], policy({ hedge: { after: { percentile: 'p95', minMs: 10, fallbackMs: 1000 } } }), deps(gate), async (h) => {
      if (h.target.provider === 'a') {
        await sleep(1000, h.signal).catch(() => undefined);
        return fail('client_disconnected');
      }
      return h.claim() ? ok('b') : fail('client_disconnected');
    });
    assert.equal(exec.ok, true);
    const gap = exec.attempts[1].startMs - exec.attempts[0].startMs;
    assert.ok(gap >= 55 && gap < 500, `hedged after about the p95 (${gap} ms)`);
  });

  it('keeps waiting for the hedge when the first attempt fails after it started', async () => {
    const { gate } = fakeGate();
    const exec = await executeTargets([target('a'), target('b'), target('c')], policy({ hedge: { after: { fixedMs: 10 } }, retry: { ...RETRY, attemptsPerTarget: 1 } }), deps(gate), async (h) => {
      if (h.target.provider === 'a') {
        await sleep(30);
        return fail('upstream_error', { upstreamStatus: 500 });
      }
      await sleep(60);
      return h.claim() ? ok(h.target.provider) : fail('client_disconnected');
    });
    assert.equal(exec.ok, true);
    if (exec.ok) assert.equal(exec.value, 'b');
    assert.deepEqual(exec.attempts.map((a) => a.provider), ['a', 'b'], 'c was never needed');
  });

  it('stops at once when the client leaves', async () => {
    const { gate } = fakeGate();
    const client = new AbortController();
    let n = 0;
    const exec = await executeTargets([target('a'), target('b')], policy(), deps(gate, client.signal), async () => {
      n++;
      client.abort();
      return fail('client_disconnected');
    });
    assert.equal(exec.ok, false);
    assert.equal(n, 1);
  });
});
