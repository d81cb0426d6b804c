import type { CanonicalRequest, ReasoningConfig } from '../../canonical/request.ts';

/** Thinking budget per OpenAI-style effort, for Anthropic models on Bedrock (1024 is Anthropic's minimum). */
export const EFFORT_BUDGET_TOKENS: Record<NonNullable<ReasoningConfig['effort']>, number> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16384,
};

/** Output room left for the answer when thinking is on and the client set no limit (Anthropic counts thinking inside max_tokens). */
export const ANSWER_TOKENS_AFTER_THINKING = 4096;

/** Anthropic models on Bedrock, by base id, cross-region profile (`us.`, `eu.`, `global.` …) or ARN. */
export function isAnthropicModel(modelId: string): boolean {
  return /(^|[./:])anthropic\./.test(modelId);
}

/** Anthropic's smallest accepted thinking budget. */
export const MIN_THINKING_BUDGET = 1024;

/**
 * The thinking budget to send, or undefined for none. Anthropic requires budget < max_tokens
 * (thinking counts inside max_tokens, as reasoning counts inside OpenAI's max_completion_tokens),
 * so a budget is capped at `maxOutputTokens − 1`, and dropped when that leaves less than the minimum.
 */
export function thinkingBudget(reasoning: ReasoningConfig | undefined, maxOutputTokens?: number): number | undefined {
  if (!reasoning) return undefined;
  const asked = reasoning.budgetTokens ?? (reasoning.effort ? EFFORT_BUDGET_TOKENS[reasoning.effort] : undefined);
  if (asked === undefined || asked <= 0) return undefined;
  const budget = maxOutputTokens === undefined ? asked : Math.min(asked, maxOutputTokens - 1);
  return budget >= MIN_THINKING_BUDGET ? budget : undefined;
}

/**
 * `additionalModelRequestFields`: model-native parameters Converse has no field for. Only
 * Anthropic's are known here: `thinking` (extended thinking budget) and `top_k`. For other
 * model families reasoning and top-k are not sent (their native fields differ per family).
 * https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html
 */
export function additionalModelRequestFields(req: CanonicalRequest): Record<string, unknown> | undefined {
  if (!isAnthropicModel(req.model)) return undefined;
  const fields: Record<string, unknown> = {};
  const budget = thinkingBudget(req.reasoning, req.maxOutputTokens);
  if (budget !== undefined) fields.thinking = { type: 'enabled', budget_tokens: budget };
  if (req.topK !== undefined) fields.top_k = req.topK;
  return Object.keys(fields).length > 0 ? fields : undefined;
}
