import { OPENAI_BASE_URL } from './config-defaults.ts';
import type { ProviderType } from './types.ts';

/** Provider keys that only some types accept; `base_url`, `headers`, `max_connections` and `timeouts` suit every type. */
export const TYPE_SPECIFIC_KEYS = [
  'api_key',
  'api_version',
  'region',
  'project',
  'aws',
  'gcp_service_account_file',
  'gcp_service_account',
  'azure_ad_token',
  'deployments',
  'extra_body_fields',
  'allowed_betas',
] as const;

export type TypeSpecificKey = (typeof TYPE_SPECIFIC_KEYS)[number];

/**
 * What one provider type needs from the file. Kept as data so the schema's type list, the
 * per-type checks, the credential warnings and the defaults cannot disagree about a type.
 */
export interface ProviderTypeRule {
  /** Type-specific keys this type accepts. */
  allows: readonly TypeSpecificKey[];
  /** Keys that must be present (`base_url` when the type has no default host). */
  requires: ReadonlyArray<TypeSpecificKey | 'base_url'>;
  /** Two alternative credentials: one must be given, not both. */
  oneOf?: readonly [TypeSpecificKey, TypeSpecificKey];
  /** Shown when a required `region` is missing. */
  regionExample?: string;
  /** Shown when a required `base_url` is missing. */
  baseUrlExample?: string;
  /** Absent for types whose base URL is required. `region` is already validated when this runs. */
  defaultBaseUrl?: (region: string | undefined) => string | undefined;
  /**
   * Appended when `base_url` has no path, so the resource endpoint copied from a portal works as is
   * (Azure: `POST {endpoint}/openai/deployments/{deployment}/chat/completions?api-version=…`,
   * https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference).
   */
  pathWhenBare?: string;
  defaultApiVersion?: string;
  /**
   * `expected`: a missing key is worth a startup warning (the upstream will reject the call);
   * `optional`: only an empty one warns (local servers often need none); `alternative`: it is
   * one side of `oneOf`; `unused`: giving one is an error (see `authInstead`).
   */
  apiKey: 'expected' | 'optional' | 'unused' | 'alternative';
  /** How the type authenticates instead of `api_key`, for the "not used" error. */
  authInstead?: string;
}

/** https://cloud.google.com/vertex-ai/docs/reference/rest#service-endpoint — `global` has no region prefix. */
function vertexBaseUrl(region: string | undefined): string | undefined {
  if (region === undefined) return undefined;
  return region === 'global' ? 'https://aiplatform.googleapis.com/v1' : `https://${region}-aiplatform.googleapis.com/v1`;
}

/** https://docs.aws.amazon.com/general/latest/gr/bedrock.html — the runtime (inference) endpoint, not the control plane. */
function bedrockBaseUrl(region: string | undefined): string | undefined {
  return region === undefined ? undefined : `https://bedrock-runtime.${region}.amazonaws.com`;
}

const fixed = (url: string) => (): string => url;

export const PROVIDER_TYPE_RULES: Readonly<Record<ProviderType, ProviderTypeRule>> = Object.freeze({
  openai: { allows: ['api_key'], requires: [], defaultBaseUrl: fixed(OPENAI_BASE_URL), apiKey: 'expected' },
  'openai-compatible': { allows: ['api_key', 'extra_body_fields'], requires: ['base_url'], baseUrlExample: 'http://127.0.0.1:11434/v1', apiKey: 'optional' },
  anthropic: {
    allows: ['api_key', 'api_version', 'allowed_betas'],
    requires: [],
    defaultBaseUrl: fixed('https://api.anthropic.com/v1'),
    defaultApiVersion: '2023-06-01',
    apiKey: 'expected',
  },
  gemini: { allows: ['api_key'], requires: [], defaultBaseUrl: fixed('https://generativelanguage.googleapis.com/v1beta'), apiKey: 'expected' },
  vertex: {
    allows: ['region', 'project', 'gcp_service_account', 'gcp_service_account_file'],
    requires: ['project', 'region'],
    regionExample: 'us-central1, europe-west4 or global',
    oneOf: ['gcp_service_account_file', 'gcp_service_account'],
    defaultBaseUrl: vertexBaseUrl,
    apiKey: 'unused',
    authInstead: 'it authenticates with gcp_service_account_file or gcp_service_account',
  },
  bedrock: {
    allows: ['region', 'aws'],
    requires: ['region', 'aws'],
    regionExample: 'us-east-1',
    defaultBaseUrl: bedrockBaseUrl,
    apiKey: 'unused',
    authInstead: 'it signs requests with the aws credentials',
  },
  'azure-openai': {
    allows: ['api_key', 'azure_ad_token', 'api_version', 'deployments'],
    requires: ['base_url'],
    baseUrlExample: 'https://my-resource.openai.azure.com',
    oneOf: ['api_key', 'azure_ad_token'],
    pathWhenBare: '/openai',
    defaultApiVersion: '2024-10-21',
    apiKey: 'alternative',
  },
  mistral: { allows: ['api_key'], requires: [], defaultBaseUrl: fixed('https://api.mistral.ai/v1'), apiKey: 'expected' },
  cohere: { allows: ['api_key'], requires: [], defaultBaseUrl: fixed('https://api.cohere.com/v2'), apiKey: 'expected' },
} satisfies Record<ProviderType, ProviderTypeRule>);

/** Every provider type, in the order the docs and error messages list them. */
export const PROVIDER_TYPES = Object.keys(PROVIDER_TYPE_RULES) as [ProviderType, ...ProviderType[]];

/** The types that accept `key`, for "only valid for type …" messages. */
export function typesAllowing(key: TypeSpecificKey): ProviderType[] {
  return PROVIDER_TYPES.filter((type) => PROVIDER_TYPE_RULES[type].allows.includes(key));
}
