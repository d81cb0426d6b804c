import { DATA_POLICY_DEFAULT, DEFAULT_CONNECTION_QUEUE_MAX, DEFAULT_CONNECTION_WAIT_MS, DEFAULT_MAX_CONNECTIONS } from './config-defaults.ts';
import type { ConfigFileProvider } from './config-schema.ts';
import type { GcpServiceAccount } from './parse-service-account-key.ts';
import { PROVIDER_TYPE_RULES } from './provider-type-rules.ts';
import type { ProviderConfig, UpstreamTimeouts } from './types.ts';

function baseUrl(file: ConfigFileProvider): string {
  const rule = PROVIDER_TYPE_RULES[file.type];
  if (file.base_url == null) {
    const fallback = rule.defaultBaseUrl?.(file.region ?? undefined);
    if (fallback === undefined) throw new Error(`provider type ${file.type} needs base_url (cross-checks should have caught this)`);
    return fallback;
  }
  if (rule.pathWhenBare !== undefined && new URL(file.base_url).pathname === '/') return file.base_url + rule.pathWhenBare;
  return file.base_url;
}

function nonEmpty(value: string | null | undefined): value is string {
  return value != null && value !== '';
}

/**
 * The runtime shape of one provider, every default applied. Assumes the schema, the per-type
 * checks and the service-account resolution passed; `timeouts` are already merged with
 * `upstream_defaults`. Empty credentials are left out rather than sent as empty headers.
 */
export function buildProviderConfig(
  id: string,
  file: ConfigFileProvider,
  timeouts: UpstreamTimeouts,
  serviceAccount: GcpServiceAccount | undefined,
): ProviderConfig {
  const rule = PROVIDER_TYPE_RULES[file.type];
  const provider: ProviderConfig = {
    id,
    type: file.type,
    dataPolicy: {
      dataCollection: file.data_policy?.data_collection ?? DATA_POLICY_DEFAULT.dataCollection,
      zdr: file.data_policy?.zdr ?? DATA_POLICY_DEFAULT.zdr,
    },
    baseUrl: baseUrl(file),
    headers: Object.fromEntries(Object.entries(file.headers ?? {}).filter(([, value]) => value !== '')),
    maxConnections: file.max_connections ?? DEFAULT_MAX_CONNECTIONS,
    connectionQueueMax: file.connection_queue_max ?? DEFAULT_CONNECTION_QUEUE_MAX,
    connectionWaitMs: file.connection_wait_ms ?? DEFAULT_CONNECTION_WAIT_MS,
    timeouts,
  };
  if (nonEmpty(file.api_key)) provider.apiKey = file.api_key;
  const apiVersion = file.api_version ?? rule.defaultApiVersion;
  if (apiVersion != null) provider.apiVersion = apiVersion;
  if (file.region != null) provider.region = file.region;
  if (file.project != null) provider.project = file.project;
  if (file.aws != null) {
    provider.aws = { accessKeyId: file.aws.access_key_id, secretAccessKey: file.aws.secret_access_key };
    if (nonEmpty(file.aws.session_token)) provider.aws.sessionToken = file.aws.session_token;
  }
  if (serviceAccount !== undefined) provider.gcpServiceAccount = serviceAccount;
  if (nonEmpty(file.azure_ad_token)) provider.azureAdToken = file.azure_ad_token;
  if (file.deployments != null) provider.deployments = { ...file.deployments };
  if (file.extra_body_fields != null && file.extra_body_fields.length > 0) provider.extraBodyFields = [...new Set(file.extra_body_fields)];
  if (file.allowed_betas != null) provider.allowedBetas = [...file.allowed_betas];
  return provider;
}
