import { configuredSecrets } from '../config/configured-secrets.ts';
import type { Config, ModelConfig, ProviderConfig } from '../config/types.ts';
import { SecretScrubber } from '../observability/secret-scrubber.ts';
import type { PriceBook } from '../pricing/price-book.ts';
import { openAIWireFields, type OpenAIWireFields } from '../providers/openai/openai-request-fields.ts';
import type { ProviderAdapter, SignContext } from '../providers/provider-adapter.ts';
import { speaksOpenAIWire } from '../providers/speaks-openai-wire.ts';
import { buildRouteTable, type RouteTable } from '../router/route-table.ts';
import { createFetchJson } from '../upstream/fetch-json.ts';
import { createUpstreamEndpoint, endpointFingerprint, type UpstreamEndpoint } from '../upstream/upstream-endpoint.ts';

export interface ProviderRuntime {
  config: ProviderConfig;
  endpoint: UpstreamEndpoint;
  /** The provider's wire format and signer; absent only for types whose adapter is not built in. */
  adapter?: ProviderAdapter;
  /** Signing state (token cache) that lives as long as this provider's settings are unchanged. */
  sign: SignContext;
  /** OpenAI-wire types only: the top-level fields the identity path may forward to this upstream (others get a 400). */
  wireFields?: OpenAIWireFields;
}

/**
 * Everything the data plane needs from the configuration, built once per (re)load and swapped
 * in as a whole, so a request sees one consistent config from start to end.
 */
export interface Runtime {
  config: Config;
  models: Map<string, ModelConfig>;
  /** Model names (aliases and wildcards included) to routes. */
  routes: RouteTable;
  providers: Map<string, ProviderRuntime>;
  prices: PriceBook;
  /** Seconds since epoch when this config took effect (the `created` of /v1/models entries). */
  loadedAt: number;
  /** Scrubs this config's credentials (and known key shapes) from upstream error text; built once per config, not per request. */
  scrubber: SecretScrubber;
}

/**
 * Builds a runtime, reusing the previous runtime's connection pools for providers whose
 * connection settings did not change. Returns the pools that are no longer used, to be closed
 * gracefully (in-flight requests finish first).
 */
export function buildRuntime(
  config: Config,
  prices: PriceBook,
  adapters: (type: ProviderConfig['type']) => ProviderAdapter | undefined,
  previous?: Runtime,
): { runtime: Runtime; retired: UpstreamEndpoint[] } {
  const providers = new Map<string, ProviderRuntime>();
  const kept = new Set<UpstreamEndpoint>();
  for (const p of Object.values(config.providers)) {
    const old = previous?.providers.get(p.id);
    const reuse = old && old.endpoint.fingerprint === endpointFingerprint(p);
    const endpoint = reuse ? old.endpoint : createUpstreamEndpoint(p);
    kept.add(endpoint);
    const sameCredentials = reuse && JSON.stringify(old.config) === JSON.stringify(p);
    const sign: SignContext = sameCredentials ? old.sign : { now: Date.now, cache: new Map(), fetchJson: createFetchJson() };
    const wireFields = speaksOpenAIWire(p.type) ? openAIWireFields(p.type === 'openai-compatible' ? p.extraBodyFields : undefined) : undefined;
    providers.set(p.id, { config: p, endpoint, adapter: adapters(p.type), sign, wireFields });
  }
  const retired = previous ? [...previous.providers.values()].map((p) => p.endpoint).filter((e) => !kept.has(e)) : [];
  const models = new Map(Object.values(config.models).map((m) => [m.name, m]));
  return { runtime: { config, models, routes: buildRouteTable(config.models), providers, prices, loadedAt: Math.floor(Date.now() / 1000), scrubber: new SecretScrubber(configuredSecrets(config)) }, retired };
}
