/**
 * Token usage of one request, split the way providers bill it.
 *
 * Every field is a count of tokens and the five counts are disjoint: total input is
 * `inputUncached + inputCacheRead + inputCacheWrite`, total output is `outputText + outputReasoning`.
 * OpenAI reports `prompt_tokens` *including* cached tokens and `completion_tokens` *including*
 * reasoning tokens, so adapters subtract; Anthropic reports them separately.
 * See https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 */
export interface Usage {
  inputUncached: number;
  inputCacheRead: number;
  inputCacheWrite: number;
  outputText: number;
  outputReasoning: number;
  /** The provider's own usage object, kept for audit. */
  raw?: unknown;
}

export function emptyUsage(): Usage {
  return { inputUncached: 0, inputCacheRead: 0, inputCacheWrite: 0, outputText: 0, outputReasoning: 0 };
}

export function totalInputTokens(u: Usage): number {
  return u.inputUncached + u.inputCacheRead + u.inputCacheWrite;
}

export function totalOutputTokens(u: Usage): number {
  return u.outputText + u.outputReasoning;
}

/**
 * The largest token count accepted in one usage field from a provider. No real request comes near
 * it (the largest context windows hold about 10M tokens), and five such fields priced at any real
 * rate stay far inside the safe-integer range of micro-USD. A figure above it, negative, fractional
 * or not finite is taken as a broken or hostile upstream, not as usage to bill.
 */
export const MAX_REPORTED_TOKENS = 1_000_000_000;

/** Whether every count is a non-negative safe integer no larger than `MAX_REPORTED_TOKENS`. */
export function usageIsSane(u: Usage): boolean {
  return saneCount(u.inputUncached) && saneCount(u.inputCacheRead) && saneCount(u.inputCacheWrite) && saneCount(u.outputText) && saneCount(u.outputReasoning);
}

const saneCount = (n: number): boolean => Number.isSafeInteger(n) && n >= 0 && n <= MAX_REPORTED_TOKENS;

/** Output tokens for throughput statistics: undefined when the usage is absent or fails `usageIsSane`. */
export function saneOutputTokens(u: Usage | undefined): number | undefined {
  return u !== undefined && usageIsSane(u) ? u.outputText + u.outputReasoning : undefined;
}
