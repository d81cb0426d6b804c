import type { InboundApi } from './conformance-cases.ts';

/**
 * Cells that cannot pass because the provider or the inbound API has no way to express the feature.
 * Every entry needs a reason a reader can check against the provider's docs; anything else that fails is a bug.
 */
export const UNSUPPORTED_BY_PROVIDER: Record<string, Record<string, string>> = {
  openai: { reasoning: 'OpenAI chat completions return reasoning token counts, never reasoning text' },
  'azure-openai': { reasoning: 'Azure OpenAI chat completions return reasoning token counts, never reasoning text' },
  mistral: {
    usage_reasoning: "Mistral's usage object has no separate reasoning-token count (thinking is billed inside completion_tokens)",
    stop_content_filter: "Mistral's finish reasons (stop, length, model_length, tool_calls, error) have no content-filter value",
  },
  bedrock: {
    usage_reasoning: 'Bedrock Converse usage reports only inputTokens/outputTokens, with no separate reasoning-token count',
  },
  cohere: {
    usage_cache: 'Cohere bills no separate cache-read tokens (billed_units has only input and output tokens)',
    usage_reasoning: "Cohere's usage (billed_units / tokens) has no separate reasoning-token count",
    stop_content_filter: "Cohere's documented v2 finish reasons (COMPLETE, STOP_SEQUENCE, MAX_TOKENS, TOOL_CALL, ERROR, TIMEOUT) have no content-filter value",
  },
};

export const UNSUPPORTED_BY_API: Record<InboundApi, Record<string, string>> = {
  'openai-chat': {},
  'openai-responses': {},
  'anthropic-messages': {},
};

/** Pairs where the API could express the feature but the provider never returns it in that form. */
export const UNSUPPORTED_BY_PAIR: Record<string, Record<string, string>> = {};

export function exemption(api: InboundApi, provider: string, caseId: string): string | undefined {
  return UNSUPPORTED_BY_API[api][caseId] ?? UNSUPPORTED_BY_PAIR[`${api}|${provider}`]?.[caseId] ?? UNSUPPORTED_BY_PROVIDER[provider]?.[caseId];
}
