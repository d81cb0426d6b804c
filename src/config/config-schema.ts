import { z } from 'zod';
import { nearestName } from './nearest-name.ts';
import { PROVIDER_TYPES } from './provider-type-rules.ts';

/** Provider ids never contain `/`, so `provider/model` shorthand can split at the first slash. */
export const PROVIDER_ID_PATTERN = '[A-Za-z0-9][A-Za-z0-9._-]{0,63}';
/** Model names may contain `/` and `:` (e.g. `meta-llama/llama-3.1-8b`, `llama3.1:8b`). */
export const MODEL_NAME_PATTERN = '[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,127}';

const providerId = new RegExp(`^${PROVIDER_ID_PATTERN}$`);
const modelName = new RegExp(`^${MODEL_NAME_PATTERN}$`);
const targetShorthand = new RegExp(`^${PROVIDER_ID_PATTERN}/${MODEL_NAME_PATTERN}$`);
const headerName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const hostName = /^[A-Za-z0-9._:%-]{1,253}$/;
const decimal = /^(0|[1-9][0-9]{0,8})(\.[0-9]{1,6})?$/;
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade']);

const MS_PER_DAY = 86_400_000;
const MS_PER_HOUR = 3_600_000;

/** An integer within bounds; digit-only strings are accepted so `port: ${PORT:-4000}` works. */
function integer(min: number, max: number) {
  const message = `must be an integer between ${min} and ${max}`;
  return z.preprocess(
    (value) => (typeof value === 'string' && /^\s*[0-9]+\s*$/.test(value) ? Number(value) : value),
    z.number().int(message).min(min, message).max(max, message),
  );
}

const price = z.preprocess(
  (value) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : value),
  z.string().regex(decimal, 'must be a non-negative decimal with at most 6 fractional digits, e.g. "0.15"'),
);

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
  limits: z
    .strictObject({
      max_body_bytes: integer(1, 1024 * 1024 * 1024).nullish(),
      max_json_depth: integer(1, 1024).nullish(),
      max_header_bytes: integer(1024, 1024 * 1024).nullish(),
    })
    .nullish(),
  timeouts: z.strictObject({ client_body_ms: integer(1, MS_PER_HOUR).nullish() }).nullish(),
  records: z
    .strictObject({
      queue_max: integer(1, 10_000_000).nullish(),
      batch_size: integer(1, 100_000).nullish(),
      flush_interval_ms: integer(1, MS_PER_HOUR).nullish(),
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
const deploymentName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be an Azure deployment name of letters, digits and . _ -');

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
  timeouts: upstreamTimeouts.nullish(),
  api_version: apiVersion.nullish(),
  region: region.nullish(),
  project: project.nullish(),
  aws: awsCredentials.nullish(),
  gcp_service_account_file: z.string().min(1, 'must be the path of a service-account key JSON file').nullish(),
  gcp_service_account: gcpServiceAccount.nullish(),
  azure_ad_token: z.string().nullish(),
  deployments: z.record(z.string().regex(modelName, 'model names are letters, digits and . _ : / @ + -'), deploymentName).nullish(),
});

const targetString = z.string().regex(targetShorthand, 'expected "provider/model", e.g. "openai/gpt-4o-mini"');
const modelString = z.string().regex(modelName, 'must be a model name of letters, digits and . _ : / @ + -');

const targetSchema = z.union(
  [targetString, z.strictObject({ provider: z.string().regex(providerId, 'must be a provider id'), model: modelString })],
  'expected "provider/model" or { provider, model }',
);

const modelSchema = z.union(
  [targetString, z.strictObject({ targets: z.array(targetSchema).min(1, 'at least one target is required') })],
  'expected "provider/model" or { targets: [...] }',
);

const priceOverrideSchema = z.strictObject({
  provider: z.string().regex(providerId, 'must be a provider id').nullish(),
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
    .record(z.string().regex(providerId, 'provider ids are letters, digits and . _ - (no "/"), up to 64 characters'), providerSchema)
    .nullish(),
  models: z
    .record(z.string().regex(modelName, 'model names are letters, digits and . _ : / @ + -, up to 128 characters'), modelSchema)
    .nullish(),
  pricing: z.strictObject({ overrides: z.array(priceOverrideSchema).nullish() }).nullish(),
});

/** Validated file contents; input to cross-checks and to `buildConfig`. */
export type ConfigFile = z.output<typeof configFileSchema>;
export type ConfigFileProvider = z.output<typeof providerSchema>;
export type ConfigFileTarget = z.output<typeof targetSchema>;
export type ConfigFileServiceAccount = z.output<typeof gcpServiceAccount>;
export type ConfigFileUpstreamTimeouts = z.output<typeof upstreamTimeouts>;
