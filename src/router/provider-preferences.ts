import { parseUsdDecimal } from '../money/parse-usd-decimal.ts';
import { checkModelName, MAX_MODEL_NAME_LENGTH } from './check-model-name.ts';
import { invalidRequest, type HttpError } from '../server/http-error.ts';
import type { ProviderPreferences, RoutingFields } from './router-types.ts';

/** OpenRouter caps `models` fallbacks; so do we, so one request cannot fan out over every route. */
export const MAX_MODELS = 10;
/** Longest list accepted in `provider.order`, `only` and `ignore`. */
export const MAX_PROVIDER_IDS = 50;
const MAX_NAME_LENGTH = MAX_MODEL_NAME_LENGTH;

const SUPPORTED = 'order, only, ignore, allow_fallbacks, sort, max_price, data_collection, zdr';
const SORTS = ['price', 'latency', 'throughput'] as const;
const DATA_COLLECTION = ['allow', 'deny'] as const;
const NO_FALLBACK_MODELS: string[] = Object.freeze([]) as unknown as string[];
const NO_ROUTING_FIELDS: RoutingFields = Object.freeze({ models: NO_FALLBACK_MODELS });

/**
 * Reads and validates the OpenRouter-compatible routing fields of a request body: `models`
 * (fallback model names after `model`) and `provider` (preferences). A `null` field, an empty
 * `order` / `only` / `ignore` list and an empty `max_price` are the same as an absent one (SDKs serialize unset fields so). `provider` comes back undefined when it asks for nothing beyond the defaults,
 * so planning keeps its fast path for clients that always send `provider: {}`.
 * https://openrouter.ai/docs/features/provider-routing
 *
 * @throws HttpError 400 `invalid_models` / `invalid_provider_preferences`, naming the field and
 *   what it accepts; unsupported OpenRouter fields are refused rather than silently ignored.
 */
export function parseRoutingFields(body: Record<string, unknown>): RoutingFields {
  const models = body.models;
  const provider = body.provider;
  if (models == null && provider == null) return NO_ROUTING_FIELDS;
  return {
    models: models == null ? NO_FALLBACK_MODELS : parseModels(models),
    provider: provider == null ? undefined : parseProviderPreferences(provider),
  };
}

/**
 * The body without `models` and `provider`, for forwarding to upstreams that would reject or
 * misread them. Returns the same object when neither is present (no copy on the hot path).
 */
export function withoutRoutingFields(body: Record<string, unknown>): Record<string, unknown> {
  if (!Object.hasOwn(body, 'models') && !Object.hasOwn(body, 'provider')) return body;
  const { models: _models, provider: _provider, ...rest } = body;
  return rest;
}

function parseModels(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_MODELS) {
    throw modelsError(`"models" must be an array of 1 to ${MAX_MODELS} model names`, 'models');
  }
  for (let i = 0; i < value.length; i++) {
    const name: unknown = value[i];
    if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH) {
      throw modelsError(`"models[${i}]" must be a model name string of 1 to ${MAX_NAME_LENGTH} characters`, `models[${i}]`);
    }
    checkModelName(name, `models[${i}]`);
  }
  return value as string[];
}

function parseProviderPreferences(value: unknown): ProviderPreferences | undefined {
  if (!isPlainObject(value)) throw preferencesError(`"provider" must be an object with any of: ${SUPPORTED}`, 'provider');
  const prefs: ProviderPreferences = { allowFallbacks: true, dataCollection: 'allow', zdr: false };
  let changed = false;
  for (const [field, fieldValue] of Object.entries(value)) {
    if (fieldValue == null) continue;
    const param = `provider.${field}`;
    switch (field) {
      case 'order':
      case 'only':
      case 'ignore': {
        const ids = providerIds(fieldValue, param);
        if (ids.length === 0) continue;
        prefs[field] = ids;
        break;
      }
      case 'allow_fallbacks':
        prefs.allowFallbacks = bool(fieldValue, param);
        break;
      case 'sort':
        prefs.sort = oneOf(fieldValue, SORTS, param);
        break;
      case 'max_price': {
        const limits = maxPrice(fieldValue);
        if (limits.promptMicrosPerMTok === undefined && limits.completionMicrosPerMTok === undefined) continue;
        prefs.maxPrice = limits;
        break;
      }
      case 'data_collection':
        prefs.dataCollection = oneOf(fieldValue, DATA_COLLECTION, param);
        break;
      case 'zdr':
        prefs.zdr = bool(fieldValue, param);
        break;
      default:
        throw preferencesError(`"${param}" is not supported by this gateway; "provider" accepts: ${SUPPORTED}`, param);
    }
    changed = true;
  }
  if (!changed) return undefined;
  const isDefault = prefs.allowFallbacks && prefs.dataCollection === 'allow' && !prefs.zdr
    && prefs.order === undefined && prefs.only === undefined && prefs.ignore === undefined
    && prefs.sort === undefined && prefs.maxPrice === undefined;
  return isDefault ? undefined : prefs;
}

function providerIds(value: unknown, param: string): string[] {
  if (!Array.isArray(value) || value.length > MAX_PROVIDER_IDS) {
    throw preferencesError(`"${param}" must be an array of at most ${MAX_PROVIDER_IDS} provider ids`, param);
  }
  for (let i = 0; i < value.length; i++) {
    const id: unknown = value[i];
    if (typeof id !== 'string' || id.length === 0) {
      throw preferencesError(`"${param}[${i}]" must be a provider id string (a key under "providers" in the gateway config)`, `${param}[${i}]`);
    }
  }
  return value as string[];
}

function bool(value: unknown, param: string): boolean {
  if (typeof value !== 'boolean') throw preferencesError(`"${param}" must be true or false`, param);
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], param: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw preferencesError(`"${param}" must be one of ${allowed.join(', ')}`, param);
  }
  return value as T;
}

function maxPrice(value: unknown): NonNullable<ProviderPreferences['maxPrice']> {
  if (!isPlainObject(value)) {
    throw preferencesError('"provider.max_price" must be an object with "prompt" and/or "completion" in USD per million tokens', 'provider.max_price');
  }
  const limits: NonNullable<ProviderPreferences['maxPrice']> = {};
  for (const [field, fieldValue] of Object.entries(value)) {
    if (fieldValue == null) continue;
    const param = `provider.max_price.${field}`;
    switch (field) {
      case 'prompt':
        limits.promptMicrosPerMTok = usdPerMTok(fieldValue, param);
        break;
      case 'completion':
        limits.completionMicrosPerMTok = usdPerMTok(fieldValue, param);
        break;
      case 'request':
      case 'image':
      case 'audio':
        throw preferencesError(`"${param}" is not supported: "provider.max_price" limits only "prompt" and "completion" (USD per million tokens)`, param);
      default:
        throw preferencesError(`"${param}" is not a known limit; "provider.max_price" accepts "prompt" and "completion" (USD per million tokens)`, param);
    }
  }
  return limits;
}

function usdPerMTok(value: unknown, param: string): number {
  if (typeof value !== 'number' && typeof value !== 'string') {
    throw preferencesError(`"${param}" must be a non-negative number of USD per million tokens, such as 2.5 or "2.5"`, param);
  }
  try {
    return parseUsdDecimal(value);
  } catch (error) {
    throw preferencesError(`"${param}" must be a non-negative number of USD per million tokens with at most 6 decimals (${(error as Error).message})`, param);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const modelsError = (message: string, param: string): HttpError => invalidRequest('invalid_models', message, param);
const preferencesError = (message: string, param: string): HttpError => invalidRequest('invalid_provider_preferences', message, param);
