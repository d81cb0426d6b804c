import { labelValue } from '../observability/metrics.ts';
import type { BreakerState } from '../router/router-types.ts';
import type { TargetHealth } from '../router/target-health.ts';

const BREAKER_VALUE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

/**
 * Targets a wildcard route made from clients' model names that get series of their own; the rest
 * are summed under `target="other"` (in flight, attempts) so the scrape stays bounded.
 */
export const MAX_WILDCARD_TARGET_SERIES = 100;
const OTHER = 'other';

/**
 * Per-target series in the Prometheus text format, read from `TargetHealth` at scrape time so the
 * data plane records nothing extra. Targets are those with traffic since start (or since they were
 * dropped by a reload or the cap), `provider/model`: every target the config names (`configured`),
 * and the first `maxWildcard` a wildcard route resolved; the others are summed under `target="other"`.
 */
export function renderTargetMetrics(health: TargetHealth, configured: (key: string) => boolean = () => true, maxWildcard = MAX_WILDCARD_TARGET_SERIES): string {
  const own = new Set<string>();
  let wildcard = 0;
  const ownSeries = (key: string): boolean => {
    if (own.has(key)) return true;
    if (!configured(key)) {
      if (wildcard >= maxWildcard) return false;
      wildcard++;
    }
    own.add(key);
    return true;
  };
  let otherInFlight = 0;
  let others = 0;
  const otherOutcomes = new Map<string, number>();
  const breaker = ['# HELP switchyard_target_breaker_state Circuit breaker per target (provider/model): 0 closed, 1 half_open, 2 open.', '# TYPE switchyard_target_breaker_state gauge'];
  const inFlight = ['# HELP switchyard_target_in_flight Upstream attempts running now, per target.', '# TYPE switchyard_target_in_flight gauge'];
  health.forEachTarget((key, state, running) => {
    if (!ownSeries(key)) {
      others++;
      otherInFlight += running;
      return;
    }
    const target = `{target="${labelValue(key)}"}`;
    breaker.push(`switchyard_target_breaker_state${target} ${BREAKER_VALUE[state]}`);
    inFlight.push(`switchyard_target_in_flight${target} ${running}`);
  });
  const attempts = [
    '# HELP switchyard_upstream_attempts_total Upstream attempts per target by outcome: ok, cancelled (a hedge that lost the race) or the error class (client_disconnected when the client left).',
    '# TYPE switchyard_upstream_attempts_total counter',
  ];
  health.forEachOutcome((key, outcome, count) => {
    if (own.has(key)) attempts.push(`switchyard_upstream_attempts_total{target="${labelValue(key)}",outcome="${labelValue(outcome)}"} ${count}`);
    else otherOutcomes.set(outcome, (otherOutcomes.get(outcome) ?? 0) + count);
  });
  if (others > 0) inFlight.push(`switchyard_target_in_flight{target="${OTHER}"} ${otherInFlight}`);
  for (const [outcome, count] of otherOutcomes) attempts.push(`switchyard_upstream_attempts_total{target="${OTHER}",outcome="${labelValue(outcome)}"} ${count}`);
  return [...breaker, ...inFlight, ...attempts].join('\n') + '\n';
}
