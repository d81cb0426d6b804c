import type { BreakerConfig } from '../config/types.ts';
import { BucketedWindow } from './bucketed-window.ts';
import type { BreakerState } from './router-types.ts';

/** What the breaker lets an attempt do: go ahead, go ahead as the one half-open probe, or skip the target. */
export type Admission = 'pass' | 'probe' | 'deny';

/**
 * One target's circuit breaker. Closed: every attempt passes; it opens on `consecutiveFailures` in a
 * row, or when the sliding window holds at least `minRequests` attempts with a failure share of at
 * least `errorRate`. Open: attempts are denied until `probeAt`, then exactly one probe passes at a
 * time (half-open). A probe that succeeds closes it with fresh counters; one that fails re-opens it
 * for twice the previous open time, up to `maxOpenMs`.
 *
 * Results of attempts that started before the breaker opened do not move it: only the probe decides.
 */
export class Breaker {
  private open = false;
  private probing = false;
  private openUntil = 0;
  private openMs = 0;
  private consecutive = 0;
  private readonly window: BucketedWindow;

  constructor(config: BreakerConfig) {
    this.window = new BucketedWindow(config.windowMs);
  }

  admit(now: number): Admission {
    if (!this.open) return 'pass';
    if (this.probing || now < this.openUntil) return 'deny';
    this.probing = true;
    return 'probe';
  }

  /** Takes the probe slot of an open breaker before its probe is due (active health checks). */
  admitEarlyProbe(): boolean {
    if (!this.open || this.probing) return false;
    this.probing = true;
    return true;
  }

  /** No side effects: true when `admit` would not deny. */
  available(now: number): boolean {
    return !this.open || (!this.probing && now >= this.openUntil);
  }

  /** An open breaker whose probe slot is free (due or not). */
  probeable(): boolean {
    return this.open && !this.probing;
  }

  succeeded(now: number, probe: boolean, config: BreakerConfig): void {
    if (probe) return this.close(config);
    if (this.open) return;
    this.consecutive = 0;
    this.record(now, false, config);
  }

  failed(now: number, probe: boolean, config: BreakerConfig): void {
    if (probe) {
      this.probing = false;
      this.openMs = Math.min(Math.max(this.openMs * 2, config.openMs), config.maxOpenMs);
      this.openUntil = now + this.openMs;
      return;
    }
    if (this.open) return;
    this.consecutive++;
    this.record(now, true, config);
    if (this.consecutive >= config.consecutiveFailures || this.errorRateReached(now, config)) {
      this.open = true;
      this.openMs = Math.min(config.openMs, config.maxOpenMs);
      this.openUntil = now + this.openMs;
    }
  }

  /** A neutral end; a released probe frees the slot, so the next attempt may probe at once. */
  released(probe: boolean): void {
    if (probe) this.probing = false;
  }

  state(now: number): BreakerState {
    if (!this.open) return 'closed';
    return this.probing || now >= this.openUntil ? 'half_open' : 'open';
  }

  /** Epoch ms when the next probe may pass; undefined when closed. */
  get probeAt(): number | undefined {
    return this.open ? this.openUntil : undefined;
  }

  get consecutiveFailures(): number {
    return this.consecutive;
  }

  windowAttempts(now: number): number {
    return this.window.attemptsAt(now);
  }

  windowFailures(now: number): number {
    return this.window.failuresAt(now);
  }

  private record(now: number, failed: boolean, config: BreakerConfig): void {
    if (!this.window.hasWindow(config.windowMs)) this.window.reset(config.windowMs);
    this.window.record(now, failed);
  }

  private errorRateReached(now: number, config: BreakerConfig): boolean {
    const attempts = this.window.attemptsAt(now);
    return attempts >= config.minRequests && attempts > 0 && this.window.failuresAt(now) >= config.errorRate * attempts;
  }

  private close(config: BreakerConfig): void {
    this.open = false;
    this.probing = false;
    this.openUntil = 0;
    this.openMs = 0;
    this.consecutive = 0;
    this.window.reset(config.windowMs);
  }
}
