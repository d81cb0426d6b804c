import type { ModelConfig } from '../config/types.ts';
import { ConfiguredTargets, splitTargetKey } from '../router/configured-targets.ts';
import type { TargetStats } from '../router/router-types.ts';

/** One row of `GET /admin/v1/targets`. */
export interface TargetView {
  key: string;
  provider: string;
  model: string;
  routes: string[];
  breaker: TargetStats['breaker'];
  probe_at: string | null;
  in_flight: number;
  ttft_ms_avg: number | null;
  latency_ms_avg: number | null;
  p95_ttft_ms: number | null;
  throughput_tokens_per_s: number | null;
  window_attempts: number;
  window_failures: number;
  error_rate: number | null;
  consecutive_failures: number;
}

/**
 * Every configured target with its health: concrete targets in config order (measured or not), then
 * targets of wildcard routes that requests have created, sorted by key. Targets whose health is still
 * kept but that no route uses any more are left out.
 */
export function targetViews(models: Iterable<ModelConfig>, stats: (key: string) => TargetStats, seen: readonly TargetStats[]): TargetView[] {
  const configured = new ConfiguredTargets(models);
  const rows = [...configured.concrete].map(([key, routes]) => targetView(stats(key), routes));
  const dynamic = seen.filter((s) => !configured.concrete.has(s.key)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const s of dynamic) {
    const routes = configured.routesOf(s.key);
    if (routes.length) rows.push(targetView(s, routes));
  }
  return rows;
}

function targetView(s: TargetStats, routes: string[]): TargetView {
  const { provider, model } = splitTargetKey(s.key);
  return {
    key: s.key,
    provider,
    model,
    routes,
    breaker: s.breaker,
    probe_at: s.probeAt === undefined ? null : new Date(s.probeAt).toISOString(),
    in_flight: s.inFlight,
    ttft_ms_avg: tenths(s.ttftMs),
    latency_ms_avg: tenths(s.latencyMs),
    p95_ttft_ms: tenths(s.p95TtftMs),
    throughput_tokens_per_s: tenths(s.throughput),
    window_attempts: s.windowAttempts,
    window_failures: s.windowFailures,
    error_rate: s.windowAttempts === 0 ? null : Math.round((s.windowFailures / s.windowAttempts) * 1000) / 1000,
    consecutive_failures: s.consecutiveFailures,
  };
}

const tenths = (v: number | undefined) => (v === undefined ? null : Math.round(v * 10) / 10);
