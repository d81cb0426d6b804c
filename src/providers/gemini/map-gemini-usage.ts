import type { Usage } from '../../canonical/usage.ts';
import type { GeminiUsageMetadata } from './gemini-wire-types.ts';

const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);

/**
 * Gemini `usageMetadata` → disjoint canonical counts. `promptTokenCount` includes the cached tokens, so
 * they are subtracted; `toolUsePromptTokenCount` is extra input; `thoughtsTokenCount` is reasoning output
 * on top of `candidatesTokenCount`. Gemini reports no cache writes (explicit caches are billed as storage).
 * https://ai.google.dev/api/generate-content#UsageMetadata
 */
export function mapGeminiUsage(u: GeminiUsageMetadata): Usage {
  const prompt = n(u.promptTokenCount);
  const cached = Math.min(n(u.cachedContentTokenCount), prompt);
  return {
    inputUncached: prompt - cached + n(u.toolUsePromptTokenCount),
    inputCacheRead: cached,
    inputCacheWrite: 0,
    outputText: n(u.candidatesTokenCount),
    outputReasoning: n(u.thoughtsTokenCount),
    raw: u,
  };
}
