/**
 * The validated, normalized configuration the gateway runs on.
 * Produced by `loadConfigFile` / `parseConfigText` from `switchyard.yaml` (snake_case keys there,
 * camelCase here) or by `defaultConfig` when no file is given. Every default is already applied.
 */
export interface Config {
  server: ServerConfig;
  providers: Record<string, ProviderConfig>;
  models: Record<string, ModelConfig>;
  pricing: PricingConfig;
  routing: RoutingConfig;
}

/**
 * `server.metrics`. A scrape shows traffic by route, provider and status; operators who expose the main
 * listener beyond their network can require the master key for it, or serve it on the admin listener only.
 */
export interface MetricsAccess {
  /** `none` (default): anyone who reaches the listener; `master_key`: `Authorization: Bearer <SWITCHYARD_MASTER_KEY>`. */
  auth: 'none' | 'master_key';
  /** `main` (default): the data-plane listener; `admin`: the admin listener only (needs `server.admin.port`). */
  listener: 'main' | 'admin';
}

export interface ServerConfig {
  /** Bind address. Default 127.0.0.1 (safe by default; set 0.0.0.0 in containers). */
  host: string;
  /** Default 4000; overridden by `PORT` and `--port`. */
  port: number;
  /** Admin plane bind. When `port` is absent the admin API shares the data-plane listener. */
  admin: { host?: string; port?: number };
  /** Who may read `GET /metrics`, and on which listener. */
  metrics: MetricsAccess;
  limits: {
    /** Largest accepted request body. Default 4 MiB. */
    maxBodyBytes: number;
    /** Deepest accepted JSON nesting. Default 64. */
    maxJsonDepth: number;
    /** Largest accepted request header block. Default 16 KiB. */
    maxHeaderBytes: number;
  };
  timeouts: {
    /** A client must finish sending its body within this. Default 30 s. */
    clientBodyMs: number;
  };
  /**
   * On SIGTERM/SIGINT, how long requests in flight may still run; then the ones left are ended with an
   * error (in-band on streams) and recorded. Default 30 s.
   */
  shutdownGraceMs: number;
  records: {
    /** Request records held in memory before the oldest are dropped (and counted). Default 50,000. */
    queueMax: number;
    /** Records written per transaction. Default 500. */
    batchSize: number;
    /** Longest a finished request's record waits before it is committed (what a crash can lose). Default 50 ms. */
    flushIntervalMs: number;
    /** Records older than this many days are deleted, in small batches; 0 keeps them forever. Default 30. */
    retentionDays: number;
  };
}

/** Upstream timeouts; defaults come from `upstream_defaults` in the file and can be overridden per provider. */
export interface UpstreamTimeouts {
  /** TCP+TLS connect. Default 5 s. */
  connectMs: number;
  /** Request sent → response headers. Default 60 s. */
  firstByteMs: number;
  /** Longest silence between two body chunks (streams). Default 30 s. */
  idleMs: number;
  /** Whole attempt, headers to last byte. Default 10 min. */
  totalMs: number;
}

export type ProviderType =
  | 'openai'
  | 'openai-compatible'
  | 'anthropic'
  | 'gemini'
  | 'vertex'
  | 'bedrock'
  | 'azure-openai'
  | 'mistral'
  | 'cohere';

export interface ProviderConfig {
  /** The key under `providers:` in the file. */
  id: string;
  type: ProviderType;
  /** `data_policy` in the file; the default for this provider's targets (absent: the cautious defaults). */
  dataPolicy?: DataPolicy;
  /** Base URL including the version path, no trailing slash, e.g. https://api.openai.com/v1. */
  baseUrl: string;
  /** After `${ENV}` interpolation. Absent or empty means no Authorization header is sent. */
  apiKey?: string;
  /** Extra static headers sent upstream (e.g. OpenAI-Organization). */
  headers: Record<string, string>;
  /** Keep-alive pool size for this upstream (HTTP/1.1: one request per connection). Default 4096. */
  maxConnections: number;
  /** Requests that may wait for a free connection; beyond it a request fails over at once (`pool_saturated`). Default 1024 (absent: the default). */
  connectionQueueMax?: number;
  /** Longest a request waits for a free connection (counted against its first-byte timeout) before it fails over. Default 1000 ms (absent: the default). */
  connectionWaitMs?: number;
  timeouts: UpstreamTimeouts;
  /** anthropic: the `anthropic-version` header (default 2023-06-01); azure-openai: the `api-version` query (default 2024-10-21). */
  apiVersion?: string;
  /** vertex and bedrock: the cloud region (e.g. us-central1, us-east-1). Required for both. */
  region?: string;
  /** vertex: the GCP project id. Required. */
  project?: string;
  /** bedrock: static AWS credentials (after `${ENV}` interpolation). Required for bedrock. */
  aws?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** vertex: the service-account key used to mint OAuth access tokens. Required for vertex. */
  gcpServiceAccount?: { clientEmail: string; privateKey: string; tokenUri: string };
  /** azure-openai: a Microsoft Entra ID bearer token, used instead of `apiKey`. */
  azureAdToken?: string;
  /** azure-openai: public model name → deployment name; a model without an entry uses its own name as the deployment. */
  deployments?: Record<string, string>;
  /**
   * openai-compatible: top-level request fields forwarded on the identity path besides OpenAI's documented
   * ones (vLLM-style extensions such as `top_k`); any other unknown field gets a 400. Never names an
   * endpoint, a credential or headers (the schema refuses those).
   */
  extraBodyFields?: string[];
  /**
   * anthropic: the `anthropic-beta` values clients may pass through (`allowed_betas`); others are dropped.
   * Absent: every value passes. Betas change what the upstream accepts and bills, so an operator may pin them.
   */
  allowedBetas?: string[];
}

/** Decimal USD per million tokens as written in the file (validated), like price overrides. */
export interface TargetPrice {
  inputPerMTok: string;
  outputPerMTok: string;
}

/**
 * What a target's provider does with prompts, matched by OpenRouter-style request preferences
 * (`provider.data_collection: deny`, `provider.zdr: true`). Set on the provider (`data_policy`)
 * and overridable per target. Defaults are the cautious reading: may collect data, no ZDR.
 */
export interface DataPolicy {
  /** `deny`: the provider does not store or train on prompts. Default `allow`. */
  dataCollection: 'allow' | 'deny';
  /** Zero data retention. Default false. */
  zdr: boolean;
}

export interface ModelTarget {
  provider: string;
  /** The model name sent upstream. In a wildcard route, `*` stands for the part of the requested name after the prefix. */
  model: string;
  /** Weighted strategy share. Default 1; 0 means "only as a fallback". */
  weight: number;
  /** Priority strategy order: lower first. Default: the target's position in the list. */
  priority: number;
  /** Overrides the catalog price for this provider and model (metering and the cost strategy). */
  price?: TargetPrice;
  /** The provider's `data_policy`, overridden by the target's. */
  dataPolicy: DataPolicy;
  /** The model's context window in tokens; used by context-window fallback. Absent: unknown. */
  contextWindow?: number;
  /** The provider's timeouts with the target's overrides applied (connect is per provider only). */
  timeouts: UpstreamTimeouts;
}

export type RouteStrategy = 'priority' | 'weighted' | 'latency' | 'least-inflight' | 'cost';

export interface RetryPolicy {
  /** Tries per target, the first included, before moving on. Default 2 (one retry). */
  attemptsPerTarget: number;
  /** Tries across all targets, hedges included. Default 6. */
  maxAttempts: number;
  /** First backoff; doubles per retry of the same target, with full jitter. Default 100 ms. */
  backoffInitialMs: number;
  /** Largest backoff. Default 2 s. */
  backoffMaxMs: number;
  /** A `Retry-After` longer than this moves on to the next target instead of waiting. Default 10 s. */
  maxRetryAfterMs: number;
}

export interface HedgePolicy {
  /** Start a second target when the first has no first token after this long; `p95` uses the target's p95 time to first token. */
  after: { fixedMs: number } | { percentile: 'p95'; minMs: number; fallbackMs: number };
}

export interface ModelConfig {
  /** Public name clients send as `model`. A wildcard route ends in `*` (e.g. `openai/*`) and matches by prefix. */
  name: string;
  /** Other public names for the same route. Default none. */
  aliases: string[];
  /** True when `name` ends in `*`. */
  wildcard: boolean;
  strategy: RouteStrategy;
  targets: ModelTarget[];
  retry: RetryPolicy;
  /** Whole-request deadline across every attempt and wait. Default 10 min. */
  deadlineMs: number;
  /** A context-length error moves to a remaining target with a larger `context_window`. Default true. */
  contextWindowFallback: boolean;
  /** Absent: no hedging. */
  hedge?: HedgePolicy;
}

/** Per-target circuit breaker, shared by every route that uses the same provider and upstream model. */
export interface BreakerConfig {
  /** Opens after this many failures in a row. Default 5. */
  consecutiveFailures: number;
  /** Opens when the failure share in the window reaches this (0..1). Default 0.5. */
  errorRate: number;
  /** ...and the window holds at least this many attempts. Default 20. */
  minRequests: number;
  /** Sliding window for the error rate. Default 60 s. */
  windowMs: number;
  /** How long it stays open before a half-open probe. Default 30 s; doubles on a failed probe up to `maxOpenMs`. */
  openMs: number;
  /** Default 5 min. */
  maxOpenMs: number;
}

export interface HealthCheckConfig {
  /** Probe targets whose breaker is open this often; 0 turns active checks off. Default 0. */
  intervalMs: number;
  /** Default 10 s. */
  timeoutMs: number;
}

export interface RoutingConfig {
  breaker: BreakerConfig;
  healthChecks: HealthCheckConfig;
}

/** Operator price overrides, decimal USD per million tokens as written in the file (validated). */
export interface PriceOverride {
  /** Provider id from `providers:`; absent matches the model on any provider. */
  provider?: string;
  model: string;
  inputPerMTok: string;
  outputPerMTok: string;
  cacheReadPerMTok?: string;
  cacheWritePerMTok?: string;
  reasoningPerMTok?: string;
}

export interface PricingConfig {
  overrides: PriceOverride[];
}
