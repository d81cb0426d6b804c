import type { MistralChatPlan } from './chat-plan.ts';

/**
 * The non-streaming `chat.completion` body as api.mistral.ai returns it: content is a string, or chunks
 * (`thinking` then `text`) when the model reasoned; tool calls carry Mistral ids and string arguments.
 * https://docs.mistral.ai/api/#tag/chat/operation/chat_completion_v1_chat_completions_post
 */
export function mistralChatBody(plan: MistralChatPlan): Record<string, unknown> {
  const text = plan.pieces.join('');
  const message: Record<string, unknown> = { role: 'assistant', tool_calls: null };
  if (plan.thinking.length > 0) {
    const chunks: unknown[] = [{ type: 'thinking', thinking: [{ type: 'text', text: plan.thinking.join('') }], closed: true }];
    if (text !== '') chunks.push({ type: 'text', text });
    message.content = chunks;
  } else if (plan.toolCalls.length === 0) {
    message.content = text;
  }
  if (plan.toolCalls.length > 0) {
    message.tool_calls = plan.toolCalls.map((c, index) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments }, index }));
  }
  return {
    id: plan.id,
    created: plan.created,
    model: plan.model,
    usage: plan.usage,
    object: 'chat.completion',
    choices: [{ index: 0, finish_reason: plan.finishReason, message }],
  };
}
