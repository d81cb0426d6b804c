import type { BreakerConfig } from '../config/types.ts';
import type { BreakerState, HealthView, TargetMeasures, TargetStats } from './router-types.ts';
import { type AttemptMeasures, type HealthSettings, TargetEntry, TTFT_SAMPLES, unseenStats } from './target-entry.ts';

/** Most targets tracked at once: wildcard routes create keys from client-chosen model names, so the map must be capped. */
export const MAX_TRACKED_TARGETS = 10_000;

/**
 * One attempt on one target, from `begin` to exactly one end. The first end counts; later calls are
 * ignored, so an executor may call `released()` in a `finally` after `succeeded` or `failed`.
 */
export interface AttemptTicket {
  /** This attempt is the half-open probe: its result closes or re-opens the breaker. */
  readonly probe: boolean;
  succeeded(m: AttemptMeasures): void;
  /** Counts toward the breaker; `errorClass` labels the attempt in metrics. */
  failed(errorClass: string): void;
  /**
   * A neutral end, no breaker change: a cancelled hedge loser or abandoned attempt (`outcome` omitted:
   * `cancelled`), or a failure that says nothing about the target, such as the client's own bad request
   * (pass its error class, which labels the attempt in metrics).
   */
  released(outcome?: string): void;
}

/**
 * Per-target health shared by every route and request: circuit breakers, latency and throughput
 * averages, p95 time to first token and in-flight counts, keyed by `provider/model`. Survives config
 * reloads (`reconfigure`, `retain`). Recording is O(1) and allocates nothing beyond the ticket.
 */
const UNSEEN: TargetMeasures = Object.freeze({ inFlight: 0 });

export class TargetHealth implements HealthView {
  private readonly settings: HealthSettings;
  private readonly entries = new Map<string, TargetEntry>();
  private readonly maxTargets: number;

  constructor(config: BreakerConfig, now: () => number = Date.now, maxTargets = MAX_TRACKED_TARGETS) {
    this.settings = { config, now, scratch: new Float64Array(TTFT_SAMPLES) };
    this.maxTargets = maxTargets;
  }

  /** Hot reload: new thresholds apply to the next result; breaker states and averages are kept. */
  reconfigure(config: BreakerConfig): void {
    this.settings.config = config;
  }

  /** Starts an attempt; undefined when the breaker is open and no probe is due (skip this target). */
  begin(key: string): AttemptTicket | undefined {
    const now = this.settings.now();
    const entry = this.entry(key, now);
    const admission = entry.breaker.admit(now);
    if (admission === 'deny') return undefined;
    entry.inFlight++;
    return new Ticket(entry, admission === 'probe', false);
  }

  /**
   * Takes the probe slot of an open breaker even before its probe is due, for an active health check.
   * Its result moves the breaker like a half-open probe's, but feeds no latency average or outcome count:
   * a one-token check says nothing about real traffic. Undefined when closed or a probe is already running.
   */
  beginHealthCheck(key: string): AttemptTicket | undefined {
    const entry = this.entries.get(key);
    if (!entry?.breaker.admitEarlyProbe()) return undefined;
    entry.inFlight++;
    return new Ticket(entry, true, true);
  }

  stats(key: string): TargetStats {
    return this.entries.get(key)?.stats() ?? unseenStats(key);
  }

  /** The entry itself (it carries the averages and in-flight count): no allocation per read. */
  measures(key: string): TargetMeasures {
    return this.entries.get(key) ?? UNSEEN;
  }

  available(key: string): boolean {
    return this.entries.get(key)?.breaker.available(this.settings.now()) ?? true;
  }

  snapshot(): TargetStats[] {
    return Array.from(this.entries.values(), (e) => e.stats());
  }

  /** Keys whose breaker is open with its probe slot free: what active health checks probe. */
  probeCandidates(): string[] {
    const keys: string[] = [];
    for (const e of this.entries.values()) if (e.breaker.probeable()) keys.push(e.key);
    return keys;
  }

  /** Breaker state and in-flight count per target, cheaper than `snapshot()` (no averages or percentiles), for metrics. */
  forEachTarget(visit: (key: string, breaker: BreakerState, inFlight: number) => void): void {
    const now = this.settings.now();
    for (const e of this.entries.values()) visit(e.key, e.breaker.state(now), e.inFlight);
  }

  /** Attempt counts per target by outcome (`ok`, `cancelled` or an error class, as in request records), for metrics. */
  forEachOutcome(visit: (key: string, outcome: string, count: number) => void): void {
    for (const e of this.entries.values()) for (const [outcome, count] of e.outcomes) visit(e.key, outcome, count);
  }

  /** Drops targets no longer configured (after a reload). Tickets still running end harmlessly on the dropped state. */
  retain(keep: (key: string) => boolean): void {
    for (const key of this.entries.keys()) if (!keep(key)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private entry(key: string, now: number): TargetEntry {
    let entry = this.entries.get(key);
    if (entry) {
      entry.lastUsed = now;
      return entry;
    }
    if (this.entries.size >= this.maxTargets) this.evict();
    entry = new TargetEntry(key, this.settings);
    this.entries.set(key, entry);
    return entry;
  }

  /**
   * Frees a tenth of the cap at once, so a stream of new keys costs O(log n) each, not a scan per key:
   * least recently used idle closed entries first, then idle open ones; targets with attempts in
   * flight are never dropped.
   */
  private evict(): void {
    const want = Math.max(1, Math.ceil(this.maxTargets / 10));
    const idle = [...this.entries.values()].filter((e) => e.inFlight === 0);
    idle.sort((a, b) => Number(b.idleClosed()) - Number(a.idleClosed()) || a.lastUsed - b.lastUsed);
    for (let i = 0; i < want && i < idle.length; i++) this.entries.delete(idle[i].key);
  }
}

class Ticket implements AttemptTicket {
  readonly probe: boolean;
  private readonly entry: TargetEntry;
  private readonly healthCheck: boolean;
  private ended = false;

  constructor(entry: TargetEntry, probe: boolean, healthCheck: boolean) {
    this.entry = entry;
    this.probe = probe;
    this.healthCheck = healthCheck;
  }

  succeeded(m: AttemptMeasures): void {
    if (!this.end()) return;
    if (this.healthCheck) this.entry.breaker.succeeded(this.entry.settings.now(), true, this.entry.settings.config);
    else this.entry.succeeded(m, this.probe);
  }

  failed(errorClass: string): void {
    if (!this.end()) return;
    if (this.healthCheck) this.entry.breaker.failed(this.entry.settings.now(), true, this.entry.settings.config);
    else this.entry.failed(errorClass, this.probe);
  }

  released(outcome = 'cancelled'): void {
    if (!this.end()) return;
    if (this.healthCheck) this.entry.breaker.released(true);
    else this.entry.released(this.probe, outcome);
  }

  private end(): boolean {
    if (this.ended) return false;
    this.ended = true;
    this.entry.inFlight--;
    return true;
  }
}
