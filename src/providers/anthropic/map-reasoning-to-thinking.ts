import type { ReasoningConfig } from '../../canonical/request.ts';

/** `max_tokens` is required by Anthropic; this is sent when the canonical request sets no limit. */
export const DEFAULT_MAX_TOKENS = 4096;

/** The smallest `budget_tokens` Anthropic accepts. https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking */
export const MIN_THINKING_BUDGET = 1024;

/**
 * OpenAI-style effort → Anthropic thinking budget (tokens). Anthropic takes a token budget, not a level,
 * so each level is a fixed budget: minimal 1,024 (the API minimum), low 2,048, medium 8,192, high 16,384.
 */
export const EFFORT_THINKING_BUDGET: Readonly<Record<NonNullable<ReasoningConfig['effort']>, number>> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16384,
};

export interface ThinkingPlan {
  thinking?: { type: 'enabled'; budget_tokens: number };
  maxTokens: number;
}

/**
 * Decides `thinking` and `max_tokens` together, because thinking counts against `max_tokens` and the
 * budget must stay below it. An explicit budget is sent as given. A budget derived from an effort is
 * capped at `max_tokens − 1` (not below the API minimum) when the caller set a limit; without a limit,
 * `max_tokens` becomes budget + DEFAULT_MAX_TOKENS so the visible answer keeps its default room.
 */
export function planThinking(reasoning: ReasoningConfig | undefined, maxOutputTokens: number | undefined): ThinkingPlan {
  const explicit = reasoning?.budgetTokens;
  const fromEffort = reasoning?.effort !== undefined ? EFFORT_THINKING_BUDGET[reasoning.effort] : undefined;
  if (explicit === undefined && fromEffort === undefined) return { maxTokens: maxOutputTokens ?? DEFAULT_MAX_TOKENS };
  if (explicit !== undefined && explicit <= 0) return { maxTokens: maxOutputTokens ?? DEFAULT_MAX_TOKENS };
  let budget = explicit ?? (fromEffort as number);
  if (maxOutputTokens === undefined) return { thinking: { type: 'enabled', budget_tokens: budget }, maxTokens: budget + DEFAULT_MAX_TOKENS };
  if (explicit === undefined) budget = Math.max(MIN_THINKING_BUDGET, Math.min(budget, maxOutputTokens - 1));
  return { thinking: { type: 'enabled', budget_tokens: budget }, maxTokens: maxOutputTokens };
}
