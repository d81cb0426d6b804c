import type { ProviderConfig } from '../../config/types.ts';

/** The API version sent when the provider config names none. https://docs.anthropic.com/en/api/versioning */
export const DEFAULT_ANTHROPIC_VERSION = '2023-06-01';

/**
 * Auth and version headers for the Messages API: the key goes in `x-api-key` (not a Bearer token) and
 * every call names an `anthropic-version`. Operator headers (e.g. `anthropic-beta`) come first.
 * https://docs.anthropic.com/en/api/overview#authentication
 */
export function anthropicRequestHeaders(base: Record<string, string>, p: ProviderConfig): Record<string, string> {
  const h: Record<string, string> = { ...base, ...p.headers, 'content-type': 'application/json', 'anthropic-version': p.apiVersion ?? DEFAULT_ANTHROPIC_VERSION };
  if (p.apiKey) h['x-api-key'] = p.apiKey;
  return h;
}
