/**
 * OpenAI's `CompletionUsage`, with every detail field populated the way api.openai.com
 * does for chat completions (openai-node `src/resources/completions.ts`).
 */
export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; audio_tokens: number };
  completion_tokens_details: {
    reasoning_tokens: number;
    audio_tokens: number;
    accepted_prediction_tokens: number;
    rejected_prediction_tokens: number;
  };
}

/** Token counts decided by the chat plan; `prompt` already includes `cached`, `completion` includes `reasoning`. */
export interface TokenCounts {
  prompt: number;
  cached: number;
  completion: number;
  reasoning: number;
}

export function buildUsage(t: TokenCounts): OpenAIUsage {
  return {
    prompt_tokens: t.prompt,
    completion_tokens: t.completion,
    total_tokens: t.prompt + t.completion,
    prompt_tokens_details: { cached_tokens: t.cached, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: t.reasoning,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}
