import { HttpError } from '../server/http-error.ts';
import type { AttemptRecord } from '../store/store-types.ts';
import { scrubFailure } from '../upstream/scrub-failure.ts';
import type { UpstreamFailure } from '../upstream/upstream-failure.ts';
import type { AttemptHandle, AttemptResult, AttemptTicket, ExecutorDeps } from './execute-targets.ts';
import { countsAgainstTarget } from './next-step.ts';
import type { PlannedTarget } from './router-types.ts';

/** An attempt in flight. */
export interface RunningAttempt<T> {
  readonly target: PlannedTarget;
  readonly record: AttemptRecord;
  readonly startedAt: number;
  cancelled: boolean;
  readonly done: Promise<Settled<T>>;
}

export interface Settled<T> {
  run: RunningAttempt<T>;
  result: AttemptResult<T>;
}

export const HEDGE_DUE = Symbol('hedge due');

interface Run<T> extends RunningAttempt<T> {
  ticket: AttemptTicket;
  ctrl?: AbortController;
  claimedAt?: number;
  done: Promise<Settled<T>>;
}

/**
 * The attempts of one request that are in flight (one, or two while hedging), and which of them
 * owns the response. The first to claim it wins and the others are cancelled at once. Each
 * attempt's end goes to its breaker ticket and its record exactly once.
 */
export class AttemptRace<T> {
  winner: RunningAttempt<T> | undefined;
  private readonly running = new Set<Run<T>>();
  private readonly deps: ExecutorDeps;
  private readonly attempts: AttemptRecord[];
  private readonly deadline: number;
  /** Only a race that may hedge needs its own abort signal per attempt; otherwise the client's serves. */
  private readonly cancellable: boolean;
  private readonly attempt: (h: AttemptHandle) => Promise<AttemptResult<T>>;

  constructor(deps: ExecutorDeps, attempts: AttemptRecord[], deadline: number, cancellable: boolean, attempt: (h: AttemptHandle) => Promise<AttemptResult<T>>) {
    this.deps = deps;
    this.attempts = attempts;
    this.deadline = deadline;
    this.cancellable = cancellable;
    this.attempt = attempt;
  }

  get size(): number {
    return this.running.size;
  }

  first(): RunningAttempt<T> {
    return this.running.values().next().value!;
  }

  launch(target: PlannedTarget, ticket: AttemptTicket, hedge: boolean): void {
    const startedAt = performance.now();
    const record: AttemptRecord = {
      provider: target.provider, model: target.model, outcome: 'ok', upstreamStatus: null,
      startMs: Math.round(startedAt - this.deps.requestStart), latencyMs: 0, hedge, costMicros: null,
    };
    this.attempts.push(record);
    const client = this.deps.client;
    let ctrl: AbortController | undefined;
    if (this.cancellable) {
      ctrl = new AbortController();
      const c = ctrl;
      if (client.aborted) c.abort(client.reason);
      else client.addEventListener('abort', () => c.abort(client.reason), { once: true, signal: c.signal });
    }
    const run = { target, record, ticket, ctrl, startedAt, cancelled: false } as Run<T>;
    const handle: AttemptHandle = {
      target,
      signal: ctrl?.signal ?? client,
      remainingMs: Math.max(1, Math.floor(this.deadline - startedAt)),
      claim: () => this.claim(run),
    };
    const scrubber = this.deps.scrubber;
    run.done = this.attempt(handle).then(
      (result) => ({ run, result: result.ok || !scrubber ? result : { ...result, failure: scrubFailure(result.failure, scrubber) } }),
      (err: unknown) => {
        const failure = internalFailure(target, err);
        return { run, result: { ok: false, committed: false, failure: scrubber ? scrubFailure(failure, scrubber) : failure } };
      },
    );
    this.running.add(run);
  }

  /** Waits for the next attempt to end, or for the hedge to come due after `hedgeAfterMs` (from the first attempt's start). */
  async settle(hedgeAfterMs?: number): Promise<Settled<T> | typeof HEDGE_DUE> {
    if (hedgeAfterMs === undefined && this.running.size === 1) return this.first().done;
    const waitFor: Promise<Settled<T> | typeof HEDGE_DUE>[] = [...this.running].map((r) => r.done);
    let timer: NodeJS.Timeout | undefined;
    if (hedgeAfterMs !== undefined) {
      const ms = Math.max(0, hedgeAfterMs - (performance.now() - this.first().startedAt));
      waitFor.push(new Promise((resolve) => (timer = setTimeout(() => resolve(HEDGE_DUE), ms))));
    }
    try {
      return await Promise.race(waitFor);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Gives the response to `run` if nobody has it yet; cancels the others. */
  claim(run: RunningAttempt<T>): boolean {
    if (this.winner !== undefined) return this.winner === run;
    if (run.cancelled) return false;
    this.winner = run;
    (run as Run<T>).claimedAt = performance.now();
    this.cancelAllBut(run);
    return true;
  }

  cancelAllBut(keep: RunningAttempt<T>): void {
    for (const r of this.running) {
      if (r === keep || r.cancelled) continue;
      r.cancelled = true;
      r.record.outcome = 'cancelled';
      r.record.latencyMs = Math.round(performance.now() - r.startedAt);
      r.ctrl?.abort(new Error('another target answered first'));
    }
  }

  /** Records how `run` ended and reports it to its target's health. */
  finish({ run: settled, result }: Settled<T>): void {
    const run = settled as Run<T>;
    this.running.delete(run);
    const now = performance.now();
    const rec = run.record;
    if (!run.cancelled) rec.latencyMs = Math.round(now - run.startedAt);
    if (run.cancelled || (!result.ok && this.winner !== undefined && this.winner !== run)) {
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
    this.deps.onAttemptEnd?.(run.target, rec.outcome);
  }

  /** Attempts still running when the request is decided (cancelled losers) are finished when they end. */
  finishStragglers(): void {
    for (const r of this.running) void r.done.then((s) => this.finish(s));
  }
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
