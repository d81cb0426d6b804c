import type { CohereChatPlan } from './chat-plan.ts';

/**
 * The non-streaming v2 chat response: `message.content` blocks (`thinking`, then `text`), or `tool_calls`
 * with string arguments; `finish_reason` upper-case; `usage` with billed units, tokens and cached tokens.
 * https://docs.cohere.com/reference/chat#response
 */
export function cohereChatBody(plan: CohereChatPlan): Record<string, unknown> {
  const content: unknown[] = [];
  if (plan.thinking.length > 0) content.push({ type: 'thinking', thinking: plan.thinking.join('') });
  if (plan.toolCalls.length === 0) content.push({ type: 'text', text: plan.pieces.join('') });
  const message: Record<string, unknown> = { role: 'assistant' };
  if (content.length > 0) message.content = content;
  if (plan.toolCalls.length > 0) {
    message.tool_calls = plan.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } }));
  }
  return { id: plan.id, message, finish_reason: plan.finishReason, usage: plan.usage };
}
