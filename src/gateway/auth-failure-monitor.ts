import type { Logger } from '../observability/logger.ts';
import type { Metrics } from '../observability/metrics.ts';

/** The reasons a data-plane request fails authentication (the 401 error codes); anything else counts as `other`. */
const REASONS = ['missing_api_key', 'malformed_api_key', 'invalid_api_key', 'revoked_api_key', 'expired_api_key'] as const;
const LABELS = new Map<string, string>([...REASONS, 'other'].map((r) => [r, `reason="${r}"`]));

export const AUTH_FAILURES_METRIC = 'switchyard_auth_failures_total';

/**
 * Failed authentications are counted, not recorded: anyone can send them, so a row each would let
 * a client without a credential grow the database. The counter has one series per reason (a fixed
 * set), and the log gets at most one line per `logEveryMs` with the count since the last line.
 */
export class AuthFailureMonitor {
  private readonly metrics: Metrics;
  private readonly log: Logger;
  private readonly logEveryMs: number;
  private readonly now: () => number;
  private lastLogAt = -Infinity;
  private unlogged = new Map<string, number>();

  constructor(metrics: Metrics, log: Logger, o: { logEveryMs?: number; now?: () => number } = {}) {
    this.metrics = metrics;
    this.log = log;
    this.logEveryMs = o.logEveryMs ?? 60_000;
    this.now = o.now ?? Date.now;
    metrics.defineCounter(AUTH_FAILURES_METRIC, 'Data-plane requests refused for a missing, malformed, unknown, revoked or expired key (not recorded as request rows).');
  }

  note(code: string): void {
    const reason = LABELS.has(code) ? code : 'other';
    this.metrics.inc(AUTH_FAILURES_METRIC, LABELS.get(reason)!);
    this.unlogged.set(reason, (this.unlogged.get(reason) ?? 0) + 1);
    const now = this.now();
    if (now - this.lastLogAt < this.logEveryMs) return;
    const byReason = Object.fromEntries(this.unlogged);
    const count = [...this.unlogged.values()].reduce((a, b) => a + b, 0);
    this.lastLogAt = now;
    this.unlogged = new Map();
    this.log.warn('data-plane requests failed authentication', { count, by_reason: byReason, next_report_after_ms: this.logEveryMs });
  }
}
