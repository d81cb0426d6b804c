import type { MessagesPlan } from './messages-plan.ts';

/**
 * The `usage` object, as in the SDK's `Usage`: disjoint input counts, `cache_creation` by TTL,
 * `output_tokens` including thinking, and `output_tokens_details` only when there was thinking.
 */
export function usageBody(plan: MessagesPlan, outputTokens = plan.usage.output): Record<string, unknown> {
  const u = plan.usage;
  const body: Record<string, unknown> = {
    input_tokens: u.input,
    cache_creation_input_tokens: u.cacheWrite,
    cache_read_input_tokens: u.cacheRead,
    cache_creation: { ephemeral_5m_input_tokens: u.cacheWrite, ephemeral_1h_input_tokens: 0 },
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
  if (u.thinking > 0 && outputTokens === u.output) body.output_tokens_details = { thinking_tokens: u.thinking };
  return body;
}

/** The non-streaming Message object. https://docs.anthropic.com/en/api/messages */
export function messageBody(plan: MessagesPlan): Record<string, unknown> {
  const content: Array<Record<string, unknown>> = [];
  if (plan.thinking) content.push({ type: 'thinking', thinking: plan.thinking.pieces.join(''), signature: plan.thinking.signature });
  if (plan.toolUses.length === 0) content.push({ type: 'text', text: plan.pieces.join('') });
  for (const t of plan.toolUses) content.push({ type: 'tool_use', id: t.id, name: t.name, input: t.input });
  return {
    id: plan.id,
    type: 'message',
    role: 'assistant',
    model: plan.model,
    content,
    stop_reason: plan.stopReason,
    stop_sequence: null,
    usage: usageBody(plan),
  };
}
