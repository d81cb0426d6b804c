import type { BreakerConfig, DataPolicy, HealthCheckConfig, RetryPolicy, RouteStrategy, ServerConfig, UpstreamTimeouts } from './types.ts';

/** Used when an `openai` provider has no `base_url`; other types' defaults are in `provider-type-rules.ts`. */
export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/**
 * Keep-alive pool size per upstream when `max_connections` is absent. HTTP/1.1 carries one request per
 * connection, so this is also the most concurrent requests (streams) one provider gets without queueing:
 * sized for 2,000 concurrent streams with room to spare (see docs/benchmarks.md, concurrent streams).
 */
export const DEFAULT_MAX_CONNECTIONS = 4096;

/** Requests that may wait for a free upstream connection when `connection_queue_max` is absent. */
export const DEFAULT_CONNECTION_QUEUE_MAX = 1024;

/** Longest wait for a free upstream connection when `connection_wait_ms` is absent. */
export const DEFAULT_CONNECTION_WAIT_MS = 1000;

/** Server settings applied when the file leaves them out; frozen so no caller can drift them. */
export const SERVER_DEFAULTS: Readonly<Omit<ServerConfig, 'admin'>> = Object.freeze({
  host: '127.0.0.1',
  port: 4000,
  limits: Object.freeze({ maxBodyBytes: 4 * 1024 * 1024, maxJsonDepth: 64, maxHeaderBytes: 16 * 1024 }),
  timeouts: Object.freeze({ clientBodyMs: 30_000 }),
  shutdownGraceMs: 30_000,
  records: Object.freeze({ queueMax: 50_000, batchSize: 500, flushIntervalMs: 25, retentionDays: 30 }),
  metrics: Object.freeze({ auth: 'none', listener: 'main' } as const),
});

/** Upstream timeouts when neither `upstream_defaults` nor the provider sets them. */
export const UPSTREAM_TIMEOUT_DEFAULTS: Readonly<UpstreamTimeouts> = Object.freeze({
  connectMs: 5_000,
  firstByteMs: 60_000,
  idleMs: 30_000,
  totalMs: 600_000,
});

/** A provider or target without `data_policy`: the cautious reading (may collect data, no zero data retention). */
export const DATA_POLICY_DEFAULT: Readonly<DataPolicy> = Object.freeze({ dataCollection: 'allow', zdr: false });

/** Weighted-strategy share of a target without `weight`. */
export const DEFAULT_TARGET_WEIGHT = 1;

/** Route settings applied when a route (or a shorthand route) leaves them out. */
export const ROUTE_DEFAULTS: Readonly<{
  strategy: RouteStrategy;
  retry: Readonly<RetryPolicy>;
  deadlineMs: number;
  contextWindowFallback: boolean;
  hedgeP95: Readonly<{ minMs: number; fallbackMs: number }>;
}> = Object.freeze({
  strategy: 'priority',
  retry: Object.freeze({ attemptsPerTarget: 2, maxAttempts: 6, backoffInitialMs: 100, backoffMaxMs: 2_000, maxRetryAfterMs: 10_000 }),
  deadlineMs: 600_000,
  contextWindowFallback: true,
  hedgeP95: Object.freeze({ minMs: 200, fallbackMs: 1_000 }),
});

/** `routing:` settings when the file leaves them out. */
export const ROUTING_DEFAULTS: Readonly<{ breaker: Readonly<BreakerConfig>; healthChecks: Readonly<HealthCheckConfig> }> = Object.freeze({
  breaker: Object.freeze({ consecutiveFailures: 5, errorRate: 0.5, minRequests: 20, windowMs: 60_000, openMs: 30_000, maxOpenMs: 300_000 }),
  healthChecks: Object.freeze({ intervalMs: 0, timeoutMs: 10_000 }),
});
