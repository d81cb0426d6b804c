import { buildProviderConfig } from './build-provider-config.ts';
import { SERVER_DEFAULTS, UPSTREAM_TIMEOUT_DEFAULTS } from './config-defaults.ts';
import type { ConfigFile, ConfigFileUpstreamTimeouts } from './config-schema.ts';
import type { GcpServiceAccount } from './parse-service-account-key.ts';
import { splitTarget } from './split-target.ts';
import type { Config, ModelConfig, PriceOverride, ProviderConfig, ServerConfig, UpstreamTimeouts } from './types.ts';

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
    limits: {
      maxBodyBytes: file?.limits?.max_body_bytes ?? d.limits.maxBodyBytes,
      maxJsonDepth: file?.limits?.max_json_depth ?? d.limits.maxJsonDepth,
      maxHeaderBytes: file?.limits?.max_header_bytes ?? d.limits.maxHeaderBytes,
    },
    timeouts: { clientBodyMs: file?.timeouts?.client_body_ms ?? d.timeouts.clientBodyMs },
    records: {
      queueMax: file?.records?.queue_max ?? d.records.queueMax,
      batchSize: file?.records?.batch_size ?? d.records.batchSize,
      flushIntervalMs: file?.records?.flush_interval_ms ?? d.records.flushIntervalMs,
    },
  };
}

function buildPriceOverride(file: NonNullable<NonNullable<ConfigFile['pricing']>['overrides']>[number]): PriceOverride {
  const override: PriceOverride = { model: file.model, inputPerMTok: file.input_per_mtok, outputPerMTok: file.output_per_mtok };
  if (file.provider != null) override.provider = file.provider;
  if (file.cache_read_per_mtok != null) override.cacheReadPerMTok = file.cache_read_per_mtok;
  if (file.cache_write_per_mtok != null) override.cacheWritePerMTok = file.cache_write_per_mtok;
  if (file.reasoning_per_mtok != null) override.reasoningPerMTok = file.reasoning_per_mtok;
  return override;
}

/**
 * Applies every default and converts to the runtime shape. Assumes `file` passed the schema
 * and cross-checks (every provider has a base URL or a default for it by then);
 * `serviceAccounts` holds each vertex provider's key, already read and checked.
 */
export function buildConfig(file: ConfigFile, serviceAccounts: ReadonlyMap<string, GcpServiceAccount> = new Map()): Config {
  const upstream = timeouts(file.upstream_defaults?.timeouts, UPSTREAM_TIMEOUT_DEFAULTS);
  const providers: Record<string, ProviderConfig> = {};
  for (const [id, provider] of Object.entries(file.providers ?? {})) {
    providers[id] = buildProviderConfig(id, provider, timeouts(provider.timeouts, upstream), serviceAccounts.get(id));
  }
  const models: Record<string, ModelConfig> = {};
  for (const [name, model] of Object.entries(file.models ?? {})) {
    const targets = typeof model === 'string' ? [model] : model.targets;
    models[name] = { name, targets: targets.map(splitTarget) };
  }
  return {
    server: buildServer(file.server),
    providers,
    models,
    pricing: { overrides: (file.pricing?.overrides ?? []).map(buildPriceOverride) },
  };
}
