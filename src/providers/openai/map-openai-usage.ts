import type { Usage } from '../../canonical/usage.ts';

/**
 * OpenAI's usage object: `prompt_tokens` includes cached tokens and `completion_tokens`
 * includes reasoning tokens, so both are subtracted out to get disjoint counts.
 * https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 */
export interface OpenAIUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
}

const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);

export function mapOpenAIUsage(u: OpenAIUsage): Usage {
  const prompt = n(u.prompt_tokens);
  const completion = n(u.completion_tokens);
  const cached = Math.min(n(u.prompt_tokens_details?.cached_tokens), prompt);
  const reasoning = Math.min(n(u.completion_tokens_details?.reasoning_tokens), completion);
  return {
    inputUncached: prompt - cached,
    inputCacheRead: cached,
    inputCacheWrite: 0,
    outputText: completion - reasoning,
    outputReasoning: reasoning,
    raw: u,
  };
}
