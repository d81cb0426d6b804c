import { labelValue } from '../observability/metrics.ts';
import type { BreakerState } from '../router/router-types.ts';
import type { TargetHealth } from '../router/target-health.ts';

const BREAKER_VALUE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

/**
 * Per-target series in the Prometheus text format, read from `TargetHealth` at scrape time so the
 * data plane records nothing extra. Targets are those with traffic since start (or since they were
 * dropped by a reload or the cap), `provider/model` from the config or a wildcard route.
 */
export function renderTargetMetrics(health: TargetHealth): string {
  const breaker = ['# HELP switchyard_target_breaker_state Circuit breaker per target (provider/model): 0 closed, 1 half_open, 2 open.', '# TYPE switchyard_target_breaker_state gauge'];
  const inFlight = ['# HELP switchyard_target_in_flight Upstream attempts running now, per target.', '# TYPE switchyard_target_in_flight gauge'];
  health.forEachTarget((key, state, running) => {
    const target = `{target="${labelValue(key)}"}`;
    breaker.push(`switchyard_target_breaker_state${target} ${BREAKER_VALUE[state]}`);
    inFlight.push(`switchyard_target_in_flight${target} ${running}`);
  });
  const attempts = [
    '# HELP switchyard_upstream_attempts_total Upstream attempts per target by outcome: ok, cancelled (a hedge that lost the race) or the error class (client_disconnected when the client left).',
    '# TYPE switchyard_upstream_attempts_total counter',
  ];
  health.forEachOutcome((key, outcome, count) => attempts.push(`switchyard_upstream_attempts_total{target="${labelValue(key)}",outcome="${labelValue(outcome)}"} ${count}`));
  return [...breaker, ...inFlight, ...attempts].join('\n') + '\n';
}
