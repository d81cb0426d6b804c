import type { ModelConfig, ModelTarget } from '../config/types.ts';

/** A concrete target the executor may try: wildcards resolved, with the route it came from. */
export interface PlannedTarget extends ModelTarget {
  /** `provider/model`: the key of this target's health (breaker, latency, in-flight). */
  key: string;
  /** The public model (route) name this target serves, for `models: [...]` fallbacks. */
  route: string;
}

/** A route with a concrete requested name: aliases and wildcards resolved. */
export interface ResolvedRoute {
  /** The name as the client sent it. */
  requested: string;
  config: ModelConfig;
  /** The route's targets with `*` replaced (wildcard routes) and health keys filled in. */
  targets: PlannedTarget[];
}

export type BreakerState = 'closed' | 'open' | 'half_open';

/** What the router knows about one target's recent behaviour. */
export interface TargetStats {
  key: string;
  breaker: BreakerState;
  /** Epoch ms when an open breaker lets a probe through; absent unless open. */
  probeAt?: number;
  inFlight: number;
  /** Moving averages (EWMA), absent until the first success. */
  ttftMs?: number;
  latencyMs?: number;
  /** Output tokens per second on successful attempts. */
  throughput?: number;
  /** p95 time to first token over recent successes; absent with fewer than 20 samples. */
  p95TtftMs?: number;
  /** Attempts and failures in the breaker's sliding window. */
  windowAttempts: number;
  windowFailures: number;
  consecutiveFailures: number;
}

/** The moving averages and in-flight count strategies rank by: a cheap, allocation-free read. */
export interface TargetMeasures {
  readonly inFlight: number;
  readonly ttftMs?: number;
  readonly latencyMs?: number;
  readonly throughput?: number;
}

/** Read side of target health, as planning needs it. */
export interface HealthView {
  /** Everything known about a target (windows and percentiles included): for views and hedging, not per-target ranking. */
  stats(key: string): TargetStats;
  /** What strategies rank by, read per request for every target of a route. */
  measures(key: string): TargetMeasures;
  /** True when the breaker lets a request through now (closed, or open with a probe due). */
  available(key: string): boolean;
}

/**
 * OpenRouter-compatible provider preferences (the `provider` request field), validated.
 * https://openrouter.ai/docs/features/provider-routing
 */
export interface ProviderPreferences {
  /** Provider ids to try first, in this order. */
  order?: string[];
  /** Only these provider ids. */
  only?: string[];
  /** Never these provider ids. */
  ignore?: string[];
  /** false: only the `order` providers (or, without `order`, only the first planned target). Default true. */
  allowFallbacks: boolean;
  /** Replaces the route's strategy. */
  sort?: 'price' | 'latency' | 'throughput';
  /** Integer micro-USD per million tokens; targets priced above (or unpriced) are excluded. */
  maxPrice?: { promptMicrosPerMTok?: number; completionMicrosPerMTok?: number };
  /** `deny`: only targets whose data policy is `deny`. Default `allow`. */
  dataCollection: 'allow' | 'deny';
  /** true: only zero-data-retention targets. Default false. */
  zdr: boolean;
}

/** The routing fields a request may carry besides `model`. */
export interface RoutingFields {
  /** `models: [...]`: public model names to fall back to, in order, after `model`. */
  models: string[];
  provider?: ProviderPreferences;
}
