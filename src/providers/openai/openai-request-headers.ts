import type { ProviderConfig } from '../../config/types.ts';

/** Headers for every call to an OpenAI-format upstream: operator headers, then auth (Bearer). */
export function openAIRequestHeaders(p: ProviderConfig, accept: string): Record<string, string> {
  const h: Record<string, string> = { ...p.headers, 'content-type': 'application/json', accept };
  if (p.apiKey) h.authorization = `Bearer ${p.apiKey}`;
  return h;
}
