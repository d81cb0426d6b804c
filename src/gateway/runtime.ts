import type { Config, ModelConfig, ProviderConfig } from '../config/types.ts';
import type { PriceBook } from '../pricing/price-book.ts';
import { createUpstreamEndpoint, endpointFingerprint, type UpstreamEndpoint } from '../upstream/upstream-endpoint.ts';

export interface ProviderRuntime {
  config: ProviderConfig;
  endpoint: UpstreamEndpoint;
}

/**
 * Everything the data plane needs from the configuration, built once per (re)load and swapped
 * in as a whole, so a request sees one consistent config from start to end.
 */
export interface Runtime {
  config: Config;
  models: Map<string, ModelConfig>;
  providers: Map<string, ProviderRuntime>;
  prices: PriceBook;
  /** Seconds since epoch when this config took effect (the `created` of /v1/models entries). */
  loadedAt: number;
}

/**
 * Builds a runtime, reusing the previous runtime's connection pools for providers whose
 * connection settings did not change. Returns the pools that are no longer used, to be closed
 * gracefully (in-flight requests finish first).
 */
export function buildRuntime(config: Config, prices: PriceBook, previous?: Runtime): { runtime: Runtime; retired: UpstreamEndpoint[] } {
  const providers = new Map<string, ProviderRuntime>();
  const kept = new Set<UpstreamEndpoint>();
  for (const p of Object.values(config.providers)) {
    const old = previous?.providers.get(p.id)?.endpoint;
    const endpoint = old && old.fingerprint === endpointFingerprint(p) ? old : createUpstreamEndpoint(p);
    kept.add(endpoint);
    providers.set(p.id, { config: p, endpoint });
  }
  const retired = previous ? [...previous.providers.values()].map((p) => p.endpoint).filter((e) => !kept.has(e)) : [];
  const models = new Map(Object.values(config.models).map((m) => [m.name, m]));
  return { runtime: { config, models, providers, prices, loadedAt: Math.floor(Date.now() / 1000) }, retired };
}
