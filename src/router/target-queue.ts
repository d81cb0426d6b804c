import type { AttemptTicket, TargetGate } from './execute-targets.ts';
import type { PlannedTarget } from './router-types.ts';

/** The next attempt to make: its target, its breaker ticket, and how long to wait before starting it. */
export interface NextAttempt {
  target: PlannedTarget;
  ticket: AttemptTicket;
  waitMs: number;
}

interface Deferred {
  target: PlannedTarget;
  notBefore: number;
}

/**
 * Which target a request tries next. In order: a same-target retry that was asked for, then the
 * plan's untried targets, then targets deferred for a later retry (earliest first). Targets whose
 * breaker refuses them are skipped and remembered (for the 503 when nothing is left), and after a
 * context-length error only targets with a larger known window are offered.
 */
export class TargetQueue {
  /** Targets skipped because their breaker was open, with when it will let a probe through. */
  readonly skipped: { target: PlannedTarget; probeAt?: number }[] = [];
  private readonly tries = new Map<string, number>();
  private readonly later: Deferred[] = [];
  private retry: Deferred | undefined;
  private cursor = 0;
  private contextFloor: number | undefined;
  private started = 0;
  private readonly plan: readonly PlannedTarget[];
  private readonly gate: TargetGate;
  private readonly maxAttempts: number;

  constructor(plan: readonly PlannedTarget[], gate: TargetGate, maxAttempts: number) {
    this.plan = plan;
    this.gate = gate;
    this.maxAttempts = maxAttempts;
  }

  /** Counts an attempt on `target` (call when it starts). */
  countAttempt(target: PlannedTarget): void {
    this.started++;
    this.tries.set(target.key, (this.tries.get(target.key) ?? 0) + 1);
  }

  triesOn(target: PlannedTarget): number {
    return this.tries.get(target.key) ?? 0;
  }

  /** Try `target` again after `delayMs`, before anything else. */
  retrySoon(target: PlannedTarget, delayMs: number): void {
    this.retry = { target, notBefore: performance.now() + delayMs };
  }

  /** Try `target` again after `delayMs`, once the plan's other targets have been tried. */
  retryLater(target: PlannedTarget, delayMs: number): void {
    this.later.push({ target, notBefore: performance.now() + delayMs });
  }

  /** After a context-length error on a target with this window: only larger windows from now on. */
  needLargerThan(contextWindow: number | undefined): void {
    this.contextFloor = Math.max(this.contextFloor ?? 0, contextWindow ?? 0);
  }

  /** The next attempt, or undefined when nothing is left. A hedge takes only an untried target, never a retry. */
  next(forHedge: boolean): NextAttempt | undefined {
    if (this.started >= this.maxAttempts) return undefined;
    if (this.retry && !forHedge) {
      const r = this.retry;
      this.retry = undefined;
      const next = this.admit(r);
      if (next) return next;
    }
    while (this.cursor < this.plan.length) {
      const target = this.plan[this.cursor++];
      if (this.tries.has(target.key)) continue;
      const next = this.admit({ target, notBefore: 0 });
      if (next) return next;
    }
    if (forHedge) return undefined;
    this.later.sort((a, b) => a.notBefore - b.notBefore);
    while (this.later.length > 0) {
      const next = this.admit(this.later.shift()!);
      if (next) return next;
    }
    return undefined;
  }

  private admit(d: Deferred): NextAttempt | undefined {
    const t = d.target;
    if (this.contextFloor !== undefined && (t.contextWindow === undefined || t.contextWindow <= this.contextFloor)) return undefined;
    const ticket = this.gate.begin(t.key);
    if (!ticket) {
      this.skipped.push({ target: t, probeAt: this.gate.stats(t.key).probeAt });
      return undefined;
    }
    return { target: t, ticket, waitMs: d.notBefore === 0 ? 0 : Math.max(0, d.notBefore - performance.now()) };
  }
}
