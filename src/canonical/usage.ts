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
