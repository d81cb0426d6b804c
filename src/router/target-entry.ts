import type { BreakerConfig } from '../config/types.ts';
import { Breaker } from './breaker.ts';
import { ewma } from './ewma.ts';
import { RecentPercentile } from './recent-percentile.ts';
import type { TargetMeasures, TargetStats } from './router-types.ts';

/** Recent successes kept for the p95 time to first token. */
export const TTFT_SAMPLES = 200;
const P95_MIN_SAMPLES = 20;

/** State shared by every entry of one `TargetHealth`; `config` is swapped on hot reload. */
export interface HealthSettings {
  config: BreakerConfig;
  now: () => number;
  /** Sort buffer for percentiles, shared because reads never overlap on one thread. */
  scratch: Float64Array;
}

/** What a successful attempt measured. */
export interface AttemptMeasures {
  ttftMs?: number;
  latencyMs: number;
  outputTokens?: number;
}

/** One target's health: its breaker, latency averages, in-flight count and attempt outcome counts. */
export class TargetEntry implements TargetMeasures {
  readonly key: string;
  readonly breaker: Breaker;
  readonly settings: HealthSettings;
  inFlight = 0;
  lastUsed: number;
  /** Moving averages, written only by this entry (read by strategies through `TargetMeasures`). */
  ttftMs: number | undefined = undefined;
  latencyMs: number | undefined = undefined;
  throughput: number | undefined = undefined;
  private ttftSamples: RecentPercentile | undefined = undefined;
  /** Attempts since the entry was created, by outcome (the request record's: `ok`, `cancelled` or an error class). */
  readonly outcomes = new Map<string, number>();

  constructor(key: string, settings: HealthSettings) {
    this.key = key;
    this.settings = settings;
    this.breaker = new Breaker(settings.config);
    this.lastUsed = settings.now();
  }

  succeeded(m: AttemptMeasures, probe: boolean): void {
    this.breaker.succeeded(this.settings.now(), probe, this.settings.config);
    this.count('ok');
    this.latencyMs = ewma(this.latencyMs, m.latencyMs);
    const ttft = m.ttftMs;
    if (ttft === undefined) return;
    this.ttftMs = ewma(this.ttftMs, ttft);
    this.ttftSamples ??= new RecentPercentile(TTFT_SAMPLES, 0.95, P95_MIN_SAMPLES, this.settings.scratch);
    this.ttftSamples.add(ttft);
    const generatingMs = m.latencyMs - ttft;
    if (m.outputTokens !== undefined && m.outputTokens > 0 && generatingMs > 0) {
      this.throughput = ewma(this.throughput, m.outputTokens / (generatingMs / 1000));
    }
  }

  failed(errorClass: string, probe: boolean): void {
    this.breaker.failed(this.settings.now(), probe, this.settings.config);
    this.count(errorClass);
  }

  released(probe: boolean, outcome: string): void {
    this.breaker.released(probe);
    this.count(outcome);
  }

  /** Idle and closed: dropping it loses nothing but averages. */
  idleClosed(): boolean {
    return this.inFlight === 0 && this.breaker.probeAt === undefined;
  }

  stats(): TargetStats {
    const now = this.settings.now();
    const breaker = this.breaker.state(now);
    const s: TargetStats = {
      key: this.key,
      breaker,
      inFlight: this.inFlight,
      windowAttempts: this.breaker.windowAttempts(now),
      windowFailures: this.breaker.windowFailures(now),
      consecutiveFailures: this.breaker.consecutiveFailures,
    };
    if (breaker === 'open') s.probeAt = this.breaker.probeAt;
    if (this.ttftMs !== undefined) s.ttftMs = this.ttftMs;
    if (this.latencyMs !== undefined) s.latencyMs = this.latencyMs;
    if (this.throughput !== undefined) s.throughput = this.throughput;
    const p95 = this.ttftSamples?.value();
    if (p95 !== undefined) s.p95TtftMs = p95;
    return s;
  }

  private count(outcome: string): void {
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
  }
}

/** The stats of a target never seen: closed, nothing measured. */
export function unseenStats(key: string): TargetStats {
  return { key, breaker: 'closed', inFlight: 0, windowAttempts: 0, windowFailures: 0, consecutiveFailures: 0 };
}
