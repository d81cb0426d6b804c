import { DEFAULT_CONNECTION_QUEUE_MAX, DEFAULT_CONNECTION_WAIT_MS } from '../config/config-defaults.ts';
import type { ProviderConfig, UpstreamTimeouts } from '../config/types.ts';
import { ConnectionGate } from './connection-gate.ts';
import { Pool } from './undici-parts.ts';

/**
 * A provider's connection pool and request defaults. One keep-alive pool per provider,
 * sized by `max_connections`, reused across requests and across config reloads while the
 * provider's settings are unchanged.
 */
export interface UpstreamEndpoint {
  providerId: string;
  origin: string;
  /** Path prefix from the base URL (e.g. `/v1`), prepended to every request path. */
  basePath: string;
  timeouts: UpstreamTimeouts;
  pool: Pool;
  /** Admission to `pool`: at most `max_connections` requests on it, a bounded queue and wait beyond. */
  gate: ConnectionGate;
  /** Fingerprint of the settings the pool was built from; a reload reuses the pool when it matches. */
  fingerprint: string;
}

export function createUpstreamEndpoint(p: ProviderConfig): UpstreamEndpoint {
  const url = new URL(p.baseUrl);
  const pool = new Pool(url.origin, {
    connections: p.maxConnections,
    pipelining: 1,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 300_000,
    connect: { timeout: p.timeouts.connectMs },
    headersTimeout: p.timeouts.firstByteMs,
    bodyTimeout: p.timeouts.idleMs,
  });
  return {
    providerId: p.id,
    origin: url.origin,
    basePath: url.pathname.replace(/\/+$/, ''),
    timeouts: p.timeouts,
    pool,
    gate: new ConnectionGate({ maxInFlight: p.maxConnections, queueMax: p.connectionQueueMax ?? DEFAULT_CONNECTION_QUEUE_MAX, waitMs: p.connectionWaitMs ?? DEFAULT_CONNECTION_WAIT_MS }),
    fingerprint: endpointFingerprint(p),
  };
}

export function endpointFingerprint(p: ProviderConfig): string {
  return JSON.stringify([p.baseUrl, p.maxConnections, p.connectionQueueMax, p.connectionWaitMs, p.timeouts]);
}
