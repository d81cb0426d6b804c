import { z } from 'zod';
import { nearestName } from './nearest-name.ts';
import { neverForwardedReason } from './never-forwarded-fields.ts';
import { PROVIDER_TYPES } from './provider-type-rules.ts';
import { modelsSchema } from './route-schema.ts';
import { routingSchema } from './routing-schema.ts';
import { dataPolicySchema, integer, modelNamePattern, modelString, MS_PER_DAY, MS_PER_HOUR, price, providerIdPattern, providerIdString } from './schema-fields.ts';

const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const hostName = /^[A-Za-z0-9._:%-]{1,253}$/;
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade']);

const httpBaseUrl = z.string().transform((value, ctx) => {
  const fail = (message: string) => {
    ctx.addIssue({ code: 'custom', message, input: value });
    return z.NEVER;
  };
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return fail('must be an absolute http(s) URL, e.g. https://api.example.com/v1');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fail('must use http or https');
  if (url.username !== '' || url.password !== '') return fail('must not contain credentials (use api_key or headers)');
  if (value.includes('?') || value.includes('#')) return fail('must not contain a query string or fragment');
  return url.href.replace(/\/+$/, '');
});

const upstreamTimeouts = z.strictObject({
  connect_ms: integer(1, MS_PER_DAY).nullish(),
  first_byte_ms: integer(1, MS_PER_DAY).nullish(),
  idle_ms: integer(1, MS_PER_DAY).nullish(),
  total_ms: integer(1, MS_PER_DAY).nullish(),
});

const host = z.string().regex(hostName, 'must be a hostname or IP address, e.g. 127.0.0.1 or 0.0.0.0');

const serverSchema = z.strictObject({
  host: host.nullish(),
  port: integer(1, 65535).nullish(),
  admin: z.strictObject({ host: host.nullish(), port: integer(1, 65535).nullish() }).nullish(),
  metrics: z.strictObject({ auth: z.enum(['none', 'master_key']).nullish(), listener: z.enum(['main', 'admin']).nullish() }).nullish(),
  limits: z
    .strictObject({
      max_body_bytes: integer(1, 1024 * 1024 * 1024).nullish(),
      max_json_depth: integer(1, 1024).nullish(),
      max_header_bytes: integer(1024, 1024 * 1024).nullish(),
    })
    .nullish(),
  timeouts: z.strictObject({ client_body_ms: integer(1, MS_PER_HOUR).nullish() }).nullish(),
  shutdown_grace_ms: integer(0, MS_PER_HOUR).nullish(),
  records: z
    .strictObject({
      queue_max: integer(1, 10_000_000).nullish(),
      batch_size: integer(1, 100_000).nullish(),
      flush_interval_ms: integer(1, MS_PER_HOUR).nullish(),
      retention_days: integer(0, 36_500).nullish(),
    })
    .nullish(),
});

const headerKey = z
  .string()
  .regex(headerName, 'is not a valid HTTP header name')
  .refine((name) => !RESERVED_HEADERS.has(name.toLowerCase()), 'is set by the gateway and cannot be configured');

const headerValue = z.preprocess(
  (value) => (typeof value === 'number' || typeof value === 'boolean' ? String(value) : value),
  z.string().regex(/^[^\r\n\0]*$/, 'must not contain line breaks or NUL'),
);

const providerType = z.enum(PROVIDER_TYPES, {
  error: (issue) => {
    const allowed = PROVIDER_TYPES.join(', ');
    if (issue.input === undefined) return `required (one of: ${allowed})`;
    const suggestion = typeof issue.input === 'string' ? nearestName(issue.input, PROVIDER_TYPES) : undefined;
    return `must be one of: ${allowed}${suggestion === undefined ? '' : `; did you mean "${suggestion}"?`}`;
  },
});

/** Lands in a host name (vertex, bedrock), so only the characters region names use. */
const region = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a region name such as us-east-1, us-central1 or global');
/** GCP project ids, project numbers (unquoted in YAML they are numbers) and legacy domain-scoped ids; lands in a URL path. */
const project = z.preprocess(
  (value) => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : value),
  z.string().regex(/^[a-z0-9][a-z0-9.:-]{0,127}$/, 'must be a GCP project id such as my-project-123'),
);
const apiVersion = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be a version such as 2024-10-21 or 2024-12-01-preview');
/** An `anthropic-beta` value such as `prompt-caching-2024-07-31`: HTTP token characters only. */
const anthropicBeta = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/, 'must be an anthropic-beta name such as interleaved-thinking-2025-05-14 (letters, digits and - . _)');
const deploymentName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be an Azure deployment name of letters, digits and . _ -');

/**
 * A top-level request field an `openai-compatible` server takes beyond OpenAI's own (vLLM's `top_k`,
 * `repetition_penalty`, …). Never one that names an endpoint, a credential or headers.
 */
const extraBodyField = z
  .string()
  .superRefine((name, ctx) => {
    const reason = neverForwardedReason(name);
    if (reason !== undefined) ctx.addIssue({ code: 'custom', message: `"${name}" ${reason}, so it can never be forwarded from a client's request` });
  })
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'must be a request field name: letters, digits and _ (at most 64), e.g. top_k');

const awsCredentials = z.strictObject({
  access_key_id: z.string(),
  secret_access_key: z.string(),
  session_token: z.string().nullish(),
});

const gcpServiceAccount = z.strictObject({
  client_email: z.string(),
  private_key: z.string(),
  token_uri: z.string().nullish(),
});

/**
 * One shape for every type: which keys a type may use and needs is checked afterwards
 * (`checkProviderFields`), so a misplaced key gets "aws is only valid for type bedrock"
 * rather than a generic "unknown key".
 */
const providerSchema = z.strictObject({
  type: providerType,
  base_url: httpBaseUrl.nullish(),
  api_key: z.string().nullish(),
  headers: z.record(headerKey, headerValue).nullish(),
  max_connections: integer(1, 65536).nullish(),
  connection_queue_max: integer(0, 1_000_000).nullish(),
  connection_wait_ms: integer(0, MS_PER_HOUR).nullish(),
  timeouts: upstreamTimeouts.nullish(),
  api_version: apiVersion.nullish(),
  region: region.nullish(),
  project: project.nullish(),
  aws: awsCredentials.nullish(),
  gcp_service_account_file: z.string().min(1, 'must be the path of a service-account key JSON file').nullish(),
  gcp_service_account: gcpServiceAccount.nullish(),
  azure_ad_token: z.string().nullish(),
  deployments: z.record(z.string().regex(modelNamePattern, 'model names are letters, digits and . _ : / @ + -'), deploymentName).nullish(),
  extra_body_fields: z.array(extraBodyField).nullish(),
  data_policy: dataPolicySchema.nullish(),
  allowed_betas: z.array(anthropicBeta).max(256, 'at most 256 betas').nullish(),
});

const priceOverrideSchema = z.strictObject({
  provider: providerIdString.nullish(),
  model: modelString,
  input_per_mtok: price,
  output_per_mtok: price,
  cache_read_per_mtok: price.nullish(),
  cache_write_per_mtok: price.nullish(),
  reasoning_per_mtok: price.nullish(),
});

/**
 * The file as written (snake_case, every field optional), before defaults. Strict objects
 * make a misspelled key an error instead of a silently ignored setting.
 */
export const configFileSchema = z.strictObject({
  server: serverSchema.nullish(),
  upstream_defaults: z.strictObject({ timeouts: upstreamTimeouts.nullish() }).nullish(),
  providers: z
    .record(z.string().regex(providerIdPattern, 'provider ids are letters, digits and . _ - (no "/"), up to 64 characters'), providerSchema)
    .nullish(),
  models: modelsSchema.nullish(),
  pricing: z.strictObject({ overrides: z.array(priceOverrideSchema).nullish() }).nullish(),
  routing: routingSchema.nullish(),
});

/** Validated file contents; input to cross-checks and to `buildConfig`. */
export type ConfigFile = z.output<typeof configFileSchema>;
export type ConfigFileProvider = z.output<typeof providerSchema>;
export type ConfigFilePriceOverride = z.output<typeof priceOverrideSchema>;
export type ConfigFileDataPolicy = z.output<typeof dataPolicySchema>;
export type ConfigFileServiceAccount = z.output<typeof gcpServiceAccount>;
export type ConfigFileUpstreamTimeouts = z.output<typeof upstreamTimeouts>;
