import type { ProviderConfig } from '../../config/types.ts';

/** The API version sent when the provider config names none. https://docs.anthropic.com/en/api/versioning */
export const DEFAULT_ANTHROPIC_VERSION = '2023-06-01';

/**
 * Auth and version headers for the Messages API: the key goes in `x-api-key` (not a Bearer token) and
 * every call names an `anthropic-version`. Operator headers come first; an `anthropic-beta` in `base`
 * (already merged with the operator's by `anthropicBetaHeader`) replaces the operator's own entry.
 * https://docs.anthropic.com/en/api/overview#authentication
 */
export function anthropicRequestHeaders(base: Record<string, string>, p: ProviderConfig): Record<string, string> {
  const h: Record<string, string> = { ...base, ...p.headers };
  if (base['anthropic-beta'] !== undefined) {
    for (const name of Object.keys(p.headers)) if (name.toLowerCase() === 'anthropic-beta') delete h[name];
    h['anthropic-beta'] = base['anthropic-beta'];
  }
  h['content-type'] = 'application/json';
  h['anthropic-version'] = p.apiVersion ?? DEFAULT_ANTHROPIC_VERSION;
  if (p.apiKey) h['x-api-key'] = p.apiKey;
  return h;
}
