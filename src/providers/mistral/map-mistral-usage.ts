import type { Usage } from '../../canonical/usage.ts';
import type { MistralUsage } from './mistral-wire-types.ts';

const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);

/**
 * Mistral usage → canonical. `prompt_tokens` includes the cached prefix reported in
 * `prompt_tokens_details.cached_tokens` (billed at 10% of input), so it is subtracted out.
 * Mistral reports no reasoning breakdown: thinking tokens are inside `completion_tokens` and are counted
 * as `outputText` (Magistral bills them at the output rate anyway).
 * https://docs.mistral.ai/studio-api/conversations/advanced/prompt-caching
 */
export function mapMistralUsage(u: MistralUsage): Usage {
  const prompt = n(u.prompt_tokens);
  const cached = Math.min(n(u.prompt_tokens_details?.cached_tokens), prompt);
  return {
    inputUncached: prompt - cached,
    inputCacheRead: cached,
    inputCacheWrite: 0,
    outputText: n(u.completion_tokens),
    outputReasoning: 0,
    raw: u,
  };
}
