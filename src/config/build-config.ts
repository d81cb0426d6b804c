import { buildProviderConfig } from './build-provider-config.ts';
import { buildModelConfig } from './build-route-config.ts';
import { ROUTING_DEFAULTS, SERVER_DEFAULTS, UPSTREAM_TIMEOUT_DEFAULTS } from './config-defaults.ts';
import type { ConfigFile, ConfigFilePriceOverride, ConfigFileUpstreamTimeouts } from './config-schema.ts';
import type { GcpServiceAccount } from './parse-service-account-key.ts';
import { collectTargetPrices } from './target-price-overrides.ts';
import type { Config, ModelConfig, PriceOverride, ProviderConfig, RoutingConfig, ServerConfig, UpstreamTimeouts } from './types.ts';

function timeouts(file: ConfigFileUpstreamTimeouts | null | undefined, base: UpstreamTimeouts): UpstreamTimeouts {
  return {
    connectMs: file?.connect_ms ?? base.connectMs,
    firstByteMs: file?.first_byte_ms ?? base.firstByteMs,
    idleMs: file?.idle_ms ?? base.idleMs,
    totalMs: file?.total_ms ?? base.totalMs,
  };
}

function buildServer(file: ConfigFile['server']): ServerConfig {
  const d = SERVER_DEFAULTS;
  const admin: ServerConfig['admin'] = {};
  if (file?.admin?.host != null) admin.host = file.admin.host;
  if (file?.admin?.port != null) admin.port = file.admin.port;
  return {
    host: file?.host ?? d.host,
    port: file?.port ?? d.port,
    admin,
    metrics: { auth: file?.metrics?.auth ?? d.metrics.auth, listener: file?.metrics?.listener ?? d.metrics.listener },
    limits: {
      maxBodyBytes: file?.limits?.max_body_bytes ?? d.limits.maxBodyBytes,
      maxJsonDepth: file?.limits?.max_json_depth ?? d.limits.maxJsonDepth,
      maxHeaderBytes: file?.limits?.max_header_bytes ?? d.limits.maxHeaderBytes,
    },
    timeouts: { clientBodyMs: file?.timeouts?.client_body_ms ?? d.timeouts.clientBodyMs },
    shutdownGraceMs: file?.shutdown_grace_ms ?? d.shutdownGraceMs,
    records: {
      queueMax: file?.records?.queue_max ?? d.records.queueMax,
      batchSize: file?.records?.batch_size ?? d.records.batchSize,
      flushIntervalMs: file?.records?.flush_interval_ms ?? d.records.flushIntervalMs,
      retentionDays: file?.records?.retention_days ?? d.records.retentionDays,
    },
  };
}

function buildPriceOverride(file: ConfigFilePriceOverride): PriceOverride {
  const override: PriceOverride = { model: file.model, inputPerMTok: file.input_per_mtok, outputPerMTok: file.output_per_mtok };
  if (file.provider != null) override.provider = file.provider;
  if (file.cache_read_per_mtok != null) override.cacheReadPerMTok = file.cache_read_per_mtok;
  if (file.cache_write_per_mtok != null) override.cacheWritePerMTok = file.cache_write_per_mtok;
  if (file.reasoning_per_mtok != null) override.reasoningPerMTok = file.reasoning_per_mtok;
  return override;
}

function buildRouting(file: ConfigFile['routing']): RoutingConfig {
  const breaker = ROUTING_DEFAULTS.breaker;
  const health = ROUTING_DEFAULTS.healthChecks;
  return {
    breaker: {
      consecutiveFailures: file?.breaker?.consecutive_failures ?? breaker.consecutiveFailures,
      errorRate: file?.breaker?.error_rate ?? breaker.errorRate,
      minRequests: file?.breaker?.min_requests ?? breaker.minRequests,
      windowMs: file?.breaker?.window_ms ?? breaker.windowMs,
      openMs: file?.breaker?.open_ms ?? breaker.openMs,
      maxOpenMs: file?.breaker?.max_open_ms ?? breaker.maxOpenMs,
    },
    healthChecks: {
      intervalMs: file?.health_checks?.interval_ms ?? health.intervalMs,
      timeoutMs: file?.health_checks?.timeout_ms ?? health.timeoutMs,
    },
  };
}

/**
 * Applies every default and converts to the runtime shape. Assumes `file` passed the schema
 * and cross-checks (every provider has a base URL or a default for it, every target's provider
 * exists, target prices do not conflict);
 * `serviceAccounts` holds each vertex provider's key, already read and checked.
 */
export function buildConfig(file: ConfigFile, serviceAccounts: ReadonlyMap<string, GcpServiceAccount> = new Map()): Config {
  const upstream = timeouts(file.upstream_defaults?.timeouts, UPSTREAM_TIMEOUT_DEFAULTS);
  const providers: Record<string, ProviderConfig> = {};
  for (const [id, provider] of Object.entries(file.providers ?? {})) {
    providers[id] = buildProviderConfig(id, provider, timeouts(provider.timeouts, upstream), serviceAccounts.get(id));
  }
  const models: Record<string, ModelConfig> = {};
  for (const [name, route] of Object.entries(file.models ?? {})) models[name] = buildModelConfig(name, route, providers);
  return {
    server: buildServer(file.server),
    providers,
    models,
    pricing: { overrides: [...(file.pricing?.overrides ?? []).map(buildPriceOverride), ...collectTargetPrices(file).overrides] },
    routing: buildRouting(file.routing),
  };
}
