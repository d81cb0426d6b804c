import type { ServerConfig, UpstreamTimeouts } from './types.ts';

/** Used when an `openai` provider has no `base_url`; other types' defaults are in `provider-type-rules.ts`. */
export const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** Keep-alive pool size per upstream when `max_connections` is absent. */
export const DEFAULT_MAX_CONNECTIONS = 256;

/** Server settings applied when the file leaves them out; frozen so no caller can drift them. */
export const SERVER_DEFAULTS: Readonly<Omit<ServerConfig, 'admin'>> = Object.freeze({
  host: '127.0.0.1',
  port: 4000,
  limits: Object.freeze({ maxBodyBytes: 4 * 1024 * 1024, maxJsonDepth: 64, maxHeaderBytes: 16 * 1024 }),
  timeouts: Object.freeze({ clientBodyMs: 30_000 }),
  records: Object.freeze({ queueMax: 50_000, batchSize: 500, flushIntervalMs: 1_000 }),
});

/** Upstream timeouts when neither `upstream_defaults` nor the provider sets them. */
export const UPSTREAM_TIMEOUT_DEFAULTS: Readonly<UpstreamTimeouts> = Object.freeze({
  connectMs: 5_000,
  firstByteMs: 60_000,
  idleMs: 30_000,
  totalMs: 600_000,
});
