import type { HedgePolicy, RetryPolicy } from '../config/types.ts';
import { HttpError } from '../server/http-error.ts';
import type { AttemptRecord } from '../store/store-types.ts';
import type { TextScrubber } from '../upstream/scrub-failure.ts';
import { clientGoneFailure, type UpstreamFailure } from '../upstream/upstream-failure.ts';
import { AttemptRace, HEDGE_DUE } from './attempt-race.ts';
import { nextStep } from './next-step.ts';
import type { PlannedTarget, TargetStats } from './router-types.ts';
import { TargetQueue, type NextAttempt } from './target-queue.ts';

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
  /**
   * Scrubs credentials from every failed attempt's client error as it ends, before anything reads
   * it: that error carries the upstream's own words (its message, code and param, in-band stream
   * errors included) to the client, the record and the logs. The data plane always passes one.
   */
  scrubber?: TextScrubber;
}

export type Execution<T> =
  | { ok: true; value: T; target: PlannedTarget; attempts: AttemptRecord[] }
  /** `target` is absent when no attempt was made (every breaker open, or the plan was empty). */
  | { ok: false; failure: UpstreamFailure; target?: PlannedTarget; attempts: AttemptRecord[]; committed: boolean };

/**
 * Walks the planned targets: retries a target that throttled or faulted (backoff with jitter,
 * `Retry-After` honoured, all within the request's deadline), fails over to the next target,
 * skips targets whose circuit breaker is open, falls back to larger context windows, and, with
 * hedging on, races a second target when the first is slow to produce its first token.
 * A failure after the response was committed ends the walk: the caller reports it in-band.
 * Which target comes next is `TargetQueue`'s job; the attempts in flight are `AttemptRace`'s.
 */
export async function executeTargets<T>(
  plan: readonly PlannedTarget[],
  policy: ExecutionPolicy,
  deps: ExecutorDeps,
  attempt: (h: AttemptHandle) => Promise<AttemptResult<T>>,
): Promise<Execution<T>> {
  const random = deps.random ?? Math.random;
  const deadline = performance.now() + policy.deadlineMs;
  const attempts: AttemptRecord[] = deps.attempts ?? [];
  const hedging = policy.hedge !== undefined && plan.length > 1;
  const queue = new TargetQueue(plan, deps.gate, policy.retry.maxAttempts);
  const race = new AttemptRace<T>(deps, attempts, deadline, hedging, attempt);
  const start = (next: NextAttempt, hedge: boolean) => {
    queue.countAttempt(next.target);
    race.launch(next.target, next.ticket, hedge);
  };
  let hedged = false;
  let last: Extract<Execution<T>, { ok: false }> | undefined;
  try {
    for (;;) {
      if (race.size === 0) {
        if (deps.client.aborted) break;
        const next = queue.next(false);
        if (!next) break;
        if (next.waitMs > 0 && !(await sleepUnlessAborted(next.waitMs, deps.client))) {
          next.ticket.released();
          break;
        }
        start(next, false);
      }
      const canHedge = hedging && !hedged && race.winner === undefined && race.size === 1;
      const settled = await race.settle(canHedge ? hedgeDelay(policy.hedge!, deps.gate, race.first().target) : undefined);
      if (settled === HEDGE_DUE) {
        hedged = true;
        const next = queue.next(true);
        if (next) start(next, true);
        continue;
      }
      race.finish(settled);
      const { run, result } = settled;
      if (result.ok) {
        if (race.claim(run)) return { ok: true, value: result.value, target: run.target, attempts };
        continue;
      }
      if (run.record.outcome === 'cancelled') continue;
      last = { ok: false, failure: result.failure, target: run.target, attempts, committed: result.committed };
      if (result.committed || race.winner === run) return last;
      const step = nextStep(result.failure, queue.triesOn(run.target), policy.retry, policy.contextWindowFallback, deadline - performance.now(), random);
      if (step.kind === 'return') {
        race.cancelAllBut(run);
        return last;
      }
      if (step.kind === 'retry') queue.retrySoon(run.target, step.delayMs);
      else if (step.kind === 'failover_then_retry') queue.retryLater(run.target, step.delayMs);
      else if (step.kind === 'context_fallback') queue.needLargerThan(run.target.contextWindow);
      if (performance.now() >= deadline) break;
    }
  } finally {
    race.finishStragglers();
  }
  return last ?? { ok: false, failure: noTargetFailure(queue.skipped, deps.client.aborted), attempts, committed: false };
}

/** How long the first attempt may go without a first token before a hedge starts. */
function hedgeDelay(hedge: HedgePolicy, gate: TargetGate, target: PlannedTarget): number {
  const after = hedge.after;
  if ('fixedMs' in after) return after.fixedMs;
  const p95 = gate.stats(target.key).p95TtftMs;
  return p95 === undefined ? after.fallbackMs : Math.max(after.minMs, p95);
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

/** Nothing was tried: every remaining target's breaker is open (503 with the earliest probe as Retry-After), or the client left. */
function noTargetFailure(skipped: { target: PlannedTarget; probeAt?: number }[], clientGone: boolean): UpstreamFailure {
  if (clientGone) return clientGoneFailure();
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
