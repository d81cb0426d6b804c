import { totalInputTokens, totalOutputTokens, type Usage } from '../../canonical/usage.ts';
import type { ResponsesUsage } from './responses-wire-types.ts';

/**
 * Canonical usage to Responses `usage`: `input_tokens` includes cached and cache-written tokens and
 * `output_tokens` includes reasoning tokens, as OpenAI reports them.
 * https://platform.openai.com/docs/api-reference/responses/object#responses/object-usage
 */
export function mapResponsesUsage(u: Usage): ResponsesUsage {
  const input = totalInputTokens(u);
  const output = totalOutputTokens(u);
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: u.inputCacheRead, cache_write_tokens: u.inputCacheWrite },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: u.outputReasoning },
    total_tokens: input + output,
  };
}
