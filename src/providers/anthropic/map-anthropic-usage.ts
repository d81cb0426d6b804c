import type { Usage } from '../../canonical/usage.ts';
import type { AnthropicUsage } from './anthropic-wire-types.ts';

const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);

/**
 * Anthropic usage → canonical. `input_tokens` is already the uncached part, disjoint from the cache read
 * and cache write counts. `output_tokens` includes thinking; Anthropic splits thinking out only in
 * `output_tokens_details.thinking_tokens`, so `outputReasoning` stays 0 unless the API reports that.
 * https://docs.anthropic.com/en/api/messages#response-usage
 */
export function mapAnthropicUsage(u: AnthropicUsage): Usage {
  const output = n(u.output_tokens);
  const thinking = Math.min(n(u.output_tokens_details?.thinking_tokens), output);
  return {
    inputUncached: n(u.input_tokens),
    inputCacheRead: n(u.cache_read_input_tokens),
    inputCacheWrite: n(u.cache_creation_input_tokens),
    outputText: output - thinking,
    outputReasoning: thinking,
    raw: u,
  };
}

/**
 * Folds a `message_delta` usage into what `message_start` reported: delta fields are cumulative totals,
 * so a present (non-null) value replaces the earlier one and an absent one keeps it.
 * https://docs.anthropic.com/en/docs/build-with-claude/streaming#event-types
 */
export function mergeAnthropicUsage(base: AnthropicUsage, delta: AnthropicUsage): AnthropicUsage {
  const out: AnthropicUsage = { ...base };
  for (const key of Object.keys(delta) as Array<keyof AnthropicUsage>) {
    const value = delta[key];
    if (value !== null && value !== undefined) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}
