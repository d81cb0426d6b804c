import type { HedgePolicy, RetryPolicy } from '../config/types.ts';
import { HttpError } from '../server/http-error.ts';
import type { AttemptRecord } from '../store/store-types.ts';
import type { UpstreamFailure } from '../upstream/upstream-failure.ts';
import { countsAgainstTarget, nextStep } from './next-step.ts';
import type { PlannedTarget, TargetStats } from './router-types.ts';

export type AttemptResult<T> =
  /** `outputTokens`: what the attempt produced, when known (throughput averages). */
  | { ok: true; value: T; outputTokens?: number }
  /** `committed`: bytes already reached the client, so the request cannot move to another target. */
  | { ok: false; failure: UpstreamFailure; committed: boolean };

/** What one attempt gets from the executor. */
export interface AttemptHandle {
  readonly target: PlannedTarget;
  /** Aborted when the client leaves or another attempt won the race; pass it to the upstream call. */
  readonly signal: AbortSignal;
  /** Whole milliseconds left of the request's deadline when the attempt started: caps the attempt's own total timeout (and shows in its timeout message). */
  readonly remainingMs: number;
  /**
   * Claims the response for this attempt, right before its first byte goes to the client (streams)
   * or when its answer is complete. False: another attempt already has it, so this one must stop.
   */
  claim(): boolean;
}

/** One attempt's end, as the executor reports it to target health. */
export interface AttemptTicket {
  succeeded(m: { ttftMs?: number; latencyMs: number; outputTokens?: number }): void;
  failed(errorClass: string): void;
  /** A neutral end (no breaker change); `outcome` labels it in metrics, `cancelled` by default. */
  released(outcome?: string): void;
}

/** The part of target health the executor uses: admission through the breaker, and statistics for hedging. */
export interface TargetGate {
  /** Undefined: the target's breaker is open (no probe due), so it is skipped. */
  begin(key: string): AttemptTicket | undefined;
  stats(key: string): TargetStats;
}

export interface ExecutionPolicy {
  retry: RetryPolicy;
  deadlineMs: number;
  contextWindowFallback: boolean;
  hedge?: HedgePolicy;
}

export interface ExecutorDeps {
  gate: TargetGate;
  client: AbortSignal;
  /** performance.now() at the request's arrival: attempt start offsets are relative to it. */
  requestStart: number;
  random?: () => number;
  /** The attempt log to append to; the caller may read it while attempts run (e.g. for response headers). */
  attempts?: AttemptRecord[];
  /** Called when an attempt ends, for metrics. */
  onAttemptEnd?: (target: PlannedTarget, outcome: AttemptRecord['outcome']) => void;
}

export type Execution<T> =
  | { ok: true; value: T; target: PlannedTarget; attempts: AttemptRecord[] }
  /** `target` is absent when no attempt was made (every breaker open, or the plan was empty). */
  | { ok: false; failure: UpstreamFailure; target?: PlannedTarget; attempts: AttemptRecord[]; committed: boolean };

interface Running<T> {
  target: PlannedTarget;
  record: AttemptRecord;
  ticket: AttemptTicket;
  ctrl?: AbortController;
  startedAt: number;
  claimedAt?: number;
  cancelled: boolean;
  done: Promise<{ run: Running<T>; result: AttemptResult<T> }>;
}

const HEDGE_TIMER = Symbol('hedge');

/**
 * Walks the planned targets: retries a target that throttled or faulted (backoff with jitter,
 * `Retry-After` honoured, all within the request's deadline), fails over to the next target,
 * skips targets whose circuit breaker is open, falls back to larger context windows, and, with
 * hedging on, races a second target when the first is slow to produce its first token.
 * A failure after the response was committed ends the walk: the caller reports it in-band.
 */
export async function executeTargets<T>(
  plan: readonly PlannedTarget[],
  policy: ExecutionPolicy,
  deps: ExecutorDeps,
  attempt: (h: AttemptHandle) => Promise<AttemptResult<T>>,
): Promise<Execution<T>> {
  const random = deps.random ?? Math.random;
  const start = performance.now();
  const deadline = start + policy.deadlineMs;
  const attempts: AttemptRecord[] = deps.attempts ?? [];
  const running = new Set<Running<T>>();
  const tries = new Map<string, number>();
  const skipped: { target: PlannedTarget; probeAt?: number }[] = [];
  let cursor = 0;
  let retry: { target: PlannedTarget; notBefore: number } | undefined;
  const later: { target: PlannedTarget; notBefore: number }[] = [];
  let contextFloor: number | undefined;
  let winner: Running<T> | undefined;
  let hedged = false;
  let last: Extract<Execution<T>, { ok: false }> | undefined;
  const hedging = policy.hedge !== undefined && plan.length > 1;

  const cancelOthers = (keep: Running<T>) => {
    for (const r of running) {
      if (r === keep || r.cancelled) continue;
      r.cancelled = true;
      r.record.outcome = 'cancelled';
      r.record.latencyMs = Math.round(performance.now() - r.startedAt);
      r.ctrl?.abort(new Error('another target answered first'));
    }
  };

  const launch = (target: PlannedTarget, ticket: AttemptTicket, hedge: boolean): void => {
    tries.set(target.key, (tries.get(target.key) ?? 0) + 1);
    const startedAt = performance.now();
    const record: AttemptRecord = {
      provider: target.provider, model: target.model, outcome: 'ok', upstreamStatus: null,
      startMs: Math.round(startedAt - deps.requestStart), latencyMs: 0, hedge, costMicros: null,
    };
    attempts.push(record);
    let ctrl: AbortController | undefined;
    let signal = deps.client;
    if (hedging) {
      const c = new AbortController();
      if (deps.client.aborted) c.abort(deps.client.reason);
      else deps.client.addEventListener('abort', () => c.abort(deps.client.reason), { once: true, signal: c.signal });
      ctrl = c;
      signal = c.signal;
    }
    const run = { target, record, ticket, ctrl, startedAt, cancelled: false } as Running<T>;
    const handle: AttemptHandle = {
      target,
      signal,
      remainingMs: Math.max(1, Math.floor(deadline - startedAt)),
      claim: () => {
        if (winner !== undefined) return winner === run;
        if (run.cancelled) return false;
        winner = run;
        run.claimedAt = performance.now();
        cancelOthers(run);
        return true;
      },
    };
    run.done = attempt(handle).then(
      (result) => ({ run, result }),
      (err: unknown) => ({ run, result: { ok: false, committed: false, failure: internalFailure(target, err) } as AttemptResult<T> }),
    );
    running.add(run);
  };

  /** False for a target no larger than one that already refused the prompt as too long: it cannot take it either. */
  const fitsContext = (t: PlannedTarget): boolean => contextFloor === undefined || (t.contextWindow !== undefined && t.contextWindow > contextFloor);

  /** The next target to try and how long to wait first; undefined when nothing is left. */
  const pickNext = (forHedge: boolean): { target: PlannedTarget; ticket: AttemptTicket; waitMs: number } | undefined => {
    if (attempts.length >= policy.retry.maxAttempts) return undefined;
    if (retry && !forHedge) {
      const r = retry;
      retry = undefined;
      if (fitsContext(r.target)) {
        const ticket = deps.gate.begin(r.target.key);
        if (ticket) return { target: r.target, ticket, waitMs: Math.max(0, r.notBefore - performance.now()) };
        skipped.push({ target: r.target, probeAt: deps.gate.stats(r.target.key).probeAt });
      }
    }
    while (cursor < plan.length) {
      const target = plan[cursor++];
      if (tries.has(target.key) || !fitsContext(target)) continue;
      const ticket = deps.gate.begin(target.key);
      if (ticket) return { target, ticket, waitMs: 0 };
      skipped.push({ target, probeAt: deps.gate.stats(target.key).probeAt });
    }
    if (forHedge) return undefined;
    later.sort((a, b) => a.notBefore - b.notBefore);
    while (later.length > 0) {
      const r = later.shift()!;
      if (!fitsContext(r.target)) continue;
      const ticket = deps.gate.begin(r.target.key);
      if (ticket) return { target: r.target, ticket, waitMs: Math.max(0, r.notBefore - performance.now()) };
      skipped.push({ target: r.target, probeAt: deps.gate.stats(r.target.key).probeAt });
    }
    return undefined;
  };

  const finish = (run: Running<T>, result: AttemptResult<T>): void => {
    running.delete(run);
    const now = performance.now();
    const rec = run.record;
    if (!run.cancelled) rec.latencyMs = Math.round(now - run.startedAt);
    if (run.cancelled || (!result.ok && winner !== undefined && winner !== run)) {
      rec.outcome = 'cancelled';
      run.ticket.released();
    } else if (result.ok) {
      rec.outcome = 'ok';
      run.ticket.succeeded({ ttftMs: (run.claimedAt ?? now) - run.startedAt, latencyMs: now - run.startedAt, outputTokens: result.outputTokens });
    } else {
      rec.outcome = result.failure.errorClass;
      rec.upstreamStatus = result.failure.upstreamStatus ?? null;
      if (countsAgainstTarget(result.failure)) run.ticket.failed(result.failure.errorClass);
      else run.ticket.released(result.failure.errorClass);
    }
    deps.onAttemptEnd?.(run.target, rec.outcome);
  };

  const hedgeDelay = (target: PlannedTarget): number => {
    const after = policy.hedge!.after;
    if ('fixedMs' in after) return after.fixedMs;
    const p95 = deps.gate.stats(target.key).p95TtftMs;
    return p95 === undefined ? after.fallbackMs : Math.max(after.minMs, p95);
  };

  try {
    for (;;) {
      if (running.size === 0) {
        if (deps.client.aborted) break;
        const next = pickNext(false);
        if (!next) break;
        if (next.waitMs > 0) {
          const waited = await sleepUnlessAborted(next.waitMs, deps.client);
          if (!waited) {
            next.ticket.released();
            break;
          }
        }
        launch(next.target, next.ticket, false);
      }
      const first = running.values().next().value!;
      const canHedge = hedging && !hedged && winner === undefined && running.size === 1;
      let settled: Awaited<Running<T>['done']> | typeof HEDGE_TIMER;
      if (!canHedge && running.size === 1) settled = await first.done;
      else {
        const waitFor: Promise<Awaited<Running<T>['done']> | typeof HEDGE_TIMER>[] = [...running].map((r) => r.done);
        let timer: NodeJS.Timeout | undefined;
        if (canHedge) {
          const ms = Math.max(0, hedgeDelay(first.target) - (performance.now() - first.startedAt));
          waitFor.push(new Promise((resolve) => (timer = setTimeout(() => resolve(HEDGE_TIMER), ms))));
        }
        settled = await Promise.race(waitFor);
        if (timer) clearTimeout(timer);
      }
      if (settled === HEDGE_TIMER) {
        hedged = true;
        const next = pickNext(true);
        if (next) launch(next.target, next.ticket, true);
        continue;
      }
      const { run, result } = settled;
      finish(run, result);
      if (result.ok) {
        if (winner === undefined) {
          winner = run;
          cancelOthers(run);
        }
        if (winner === run) return { ok: true, value: result.value, target: run.target, attempts };
        continue;
      }
      if (run.record.outcome === 'cancelled') continue;
      const failure = result.failure;
      last = { ok: false, failure, target: run.target, attempts, committed: result.committed };
      if (result.committed || winner === run) return last;
      const step = nextStep(failure, tries.get(run.target.key) ?? 1, policy.retry, policy.contextWindowFallback, deadline - performance.now(), random);
      if (step.kind === 'return') {
        cancelOthers(run);
        return last;
      }
      if (step.kind === 'retry') retry = { target: run.target, notBefore: performance.now() + step.delayMs };
      if (step.kind === 'failover_then_retry') later.push({ target: run.target, notBefore: performance.now() + step.delayMs });
      if (step.kind === 'context_fallback') contextFloor = Math.max(contextFloor ?? 0, run.target.contextWindow ?? 0);
      if (performance.now() >= deadline) break;
    }
  } finally {
    for (const r of running) void r.done.then(({ run, result }) => finish(run, result));
  }
  if (last) return last;
  return { ok: false, failure: noTargetFailure(skipped, deps.client.aborted), attempts, committed: false };
}

function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function internalFailure(target: PlannedTarget, err: unknown): UpstreamFailure {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof HttpError) return { errorClass: err.status >= 500 ? 'internal' : 'invalid_request', action: 'return', clientError: err };
  return {
    errorClass: 'internal',
    action: 'return',
    clientError: new HttpError(500, 'server_error', 'internal_error', `the attempt on ${target.key} failed inside the gateway: ${message}`),
  };
}

/** Nothing was tried: every remaining target's breaker is open (503 with the earliest probe as Retry-After), or the client left. */
function noTargetFailure(skipped: { target: PlannedTarget; probeAt?: number }[], clientGone: boolean): UpstreamFailure {
  if (clientGone) {
    return { errorClass: 'client_disconnected', action: 'return', clientError: new HttpError(499, 'upstream_error', 'client_disconnected', 'client closed the connection') };
  }
  const probes = skipped.map((s) => s.probeAt).filter((t): t is number => t !== undefined);
  const retryAfterS = probes.length ? Math.max(1, Math.ceil((Math.min(...probes) - Date.now()) / 1000)) : 1;
  const names = skipped.map((s) => s.target.key).join(', ');
  return {
    errorClass: 'upstream_unavailable',
    action: 'return',
    retryAfterMs: retryAfterS * 1000,
    clientError: new HttpError(503, 'upstream_error', 'no_healthy_target',
      `every target for this model is failing and paused by its circuit breaker (${names || 'none'}); retry after ${retryAfterS} s`,
      { headers: { 'retry-after': String(retryAfterS) } }),
  };
}
