import type { StreamFrame, StreamPlan } from '../stream-frames.ts';
import { anthropicErrorBody } from './errors.ts';
import { usageBody } from './message-response.ts';
import type { MessagesPlan } from './messages-plan.ts';

/** Sent after the first content frame when `malformed_sse=1`: a named event whose data is not JSON. */
export const MALFORMED_MESSAGES_FRAME = 'event: content_block_delta\ndata: {"type": broken\n\n';

/**
 * The named-event stream Anthropic sends: `message_start` (usage with output_tokens 1), `ping`, each
 * block as `content_block_start` / `content_block_delta`… / `content_block_stop` with indexes from 0
 * (thinking deltas then a `signature_delta`; text one delta per token; tool input as `input_json_delta`
 * fragments), `message_delta` (stop reason, cumulative usage), `message_stop`.
 * Text and tool-input deltas are the content frames `cut_after` / `hang_after` count.
 * https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
export function messagesStreamPlan(plan: MessagesPlan, requestId: string): StreamPlan {
  const frames: StreamFrame[] = [];
  const push = (event: string, data: Record<string, unknown>, content = false): void => {
    frames.push({ event, data: JSON.stringify({ type: event, ...data }), content });
  };
  push('message_start', {
    message: { id: plan.id, type: 'message', role: 'assistant', model: plan.model, content: [], stop_reason: null, stop_sequence: null, usage: usageBody(plan, 1) },
  });
  push('ping', {});
  let index = 0;
  if (plan.thinking) {
    push('content_block_start', { index, content_block: { type: 'thinking', thinking: '' } });
    for (const piece of plan.thinking.pieces) push('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: piece } });
    push('content_block_delta', { index, delta: { type: 'signature_delta', signature: plan.thinking.signature } });
    push('content_block_stop', { index });
    index++;
  }
  if (plan.toolUses.length === 0) {
    push('content_block_start', { index, content_block: { type: 'text', text: '' } });
    for (const piece of plan.pieces) push('content_block_delta', { index, delta: { type: 'text_delta', text: piece } }, true);
    push('content_block_stop', { index });
  }
  for (const t of plan.toolUses) {
    push('content_block_start', { index, content_block: { type: 'tool_use', id: t.id, name: t.name, input: {} } });
    for (const fragment of t.fragments) push('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: fragment } }, true);
    push('content_block_stop', { index });
    index++;
  }
  const u = usageBody(plan);
  push('message_delta', {
    delta: { stop_reason: plan.stopReason, stop_sequence: null },
    usage: {
      input_tokens: u.input_tokens,
      cache_creation_input_tokens: u.cache_creation_input_tokens,
      cache_read_input_tokens: u.cache_read_input_tokens,
      output_tokens: u.output_tokens,
      ...(u.output_tokens_details !== undefined ? { output_tokens_details: u.output_tokens_details } : {}),
    },
  });
  push('message_stop', {});
  return {
    headers: { 'x-request-id': requestId, 'request-id': requestId },
    frames,
    malformedFrame: MALFORMED_MESSAGES_FRAME,
    inBandError: (detail) => {
      const { type, error } = anthropicErrorBody(529, plan.model, requestId, detail);
      return `event: error\ndata: ${JSON.stringify({ type, error })}\n\n`;
    },
  };
}
