import type { Usage } from '../../canonical/usage.ts';
import type { BedrockTokenUsage } from './bedrock-wire-types.ts';

const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);

/**
 * Converse `TokenUsage` → canonical usage. `inputTokens` counts only the uncached input: cache
 * reads and writes are reported beside it (`totalTokens` = input + output + both cache counts),
 * as in Anthropic's own API. Bedrock does not split reasoning out of `outputTokens`, so all output
 * is `outputText` (reasoning is billed at the output rate anyway).
 * https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_TokenUsage.html
 */
export function mapBedrockUsage(u: BedrockTokenUsage | undefined): Usage {
  return {
    inputUncached: count(u?.inputTokens),
    inputCacheRead: count(u?.cacheReadInputTokens),
    inputCacheWrite: count(u?.cacheWriteInputTokens),
    outputText: count(u?.outputTokens),
    outputReasoning: 0,
    raw: u,
  };
}
