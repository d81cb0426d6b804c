import { totalInputTokens, totalOutputTokens, type Usage } from '../../canonical/usage.ts';

/** OpenAI chat's `usage` object as clients read it (openai-node `CompletionUsage`). */
export interface OpenAIChatUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  completion_tokens_details: { reasoning_tokens: number };
}

/**
 * Canonical usage → OpenAI's, where `prompt_tokens` includes every input token (cache reads and
 * writes) and `completion_tokens` includes reasoning tokens.
 * https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 */
export function encodeOpenAIChatUsage(u: Usage): OpenAIChatUsage {
  const prompt = totalInputTokens(u);
  const completion = totalOutputTokens(u);
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: u.inputCacheRead },
    completion_tokens_details: { reasoning_tokens: u.outputReasoning },
  };
}
