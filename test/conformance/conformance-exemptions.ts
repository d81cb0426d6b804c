import type { InboundApi } from './conformance-cases.ts';

/**
 * Cells that cannot pass because the provider or the inbound API has no way to express the feature.
 * Every entry needs a reason a reader can check against the provider's docs; anything else that fails is a bug.
 */
export const UNSUPPORTED_BY_PROVIDER: Record<string, Record<string, string>> = {};

export const UNSUPPORTED_BY_API: Record<InboundApi, Record<string, string>> = {
  'openai-chat': {},
  'openai-responses': {},
  'anthropic-messages': {},
};

/** Pairs where the API could express the feature but the provider never returns it in that form. */
export const UNSUPPORTED_BY_PAIR: Record<string, Record<string, string>> = {
  'anthropic-messages|openai': { reasoning: 'OpenAI chat completions return reasoning token counts but not reasoning text, so there is no thinking block to return' },
  'anthropic-messages|azure-openai': { reasoning: 'Azure OpenAI returns reasoning token counts but not reasoning text, so there is no thinking block to return' },
  'openai-responses|openai': { reasoning: 'OpenAI chat completions return reasoning token counts but not reasoning text, so there is no reasoning item to return' },
  'openai-responses|azure-openai': { reasoning: 'Azure OpenAI returns reasoning token counts but not reasoning text, so there is no reasoning item to return' },
};

export function exemption(api: InboundApi, provider: string, caseId: string): string | undefined {
  return UNSUPPORTED_BY_API[api][caseId] ?? UNSUPPORTED_BY_PAIR[`${api}|${provider}`]?.[caseId] ?? UNSUPPORTED_BY_PROVIDER[provider]?.[caseId];
}
