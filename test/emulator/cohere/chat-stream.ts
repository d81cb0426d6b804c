import type { StreamFrame, StreamPlan } from '../stream-frames.ts';
import type { CohereChatPlan } from './chat-plan.ts';

/** Sent after the first content event when `malformed_sse=1`: a named event whose data is not JSON. */
export const MALFORMED_COHERE_FRAME = 'event: content-delta\ndata: {"type": broken\n\n';

/**
 * Cohere's v2 chat stream: named SSE events whose data repeats the name in `type` — `message-start`,
 * per content block `content-start` / one `content-delta` per token / `content-end` (thinking block first,
 * then text, by content index), per tool call `tool-call-start` / one `tool-call-delta` per argument
 * fragment / `tool-call-end` (by tool index), `message-end` with finish reason and usage, then `data: [DONE]`.
 * Only text and tool-argument deltas count as content for `cut_after` / `hang_after` / `malformed_sse`.
 * https://docs.cohere.com/reference/chat-stream
 */
export function cohereStreamPlan(plan: CohereChatPlan, requestId: string): StreamPlan {
  const frames: StreamFrame[] = [];
  const emit = (type: string, data: object, content = false): void => {
    frames.push({ event: type, data: JSON.stringify({ ...(type === 'message-start' ? { id: plan.id } : {}), type, ...data }), content });
  };
  emit('message-start', { delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } } });
  let index = 0;
  if (plan.thinking.length > 0) {
    emit('content-start', { index, delta: { message: { content: { type: 'thinking', thinking: '' } } } });
    for (const thinking of plan.thinking) emit('content-delta', { index, delta: { message: { content: { thinking } } } });
    emit('content-end', { index });
    index++;
  }
  if (plan.toolCalls.length === 0) {
    emit('content-start', { index, delta: { message: { content: { type: 'text', text: '' } } } });
    for (const text of plan.pieces) emit('content-delta', { index, delta: { message: { content: { text } } } }, true);
    emit('content-end', { index });
  }
  plan.toolCalls.forEach((call, i) => {
    emit('tool-call-start', { index: i, delta: { message: { tool_calls: { id: call.id, type: 'function', function: { name: call.name, arguments: '' } } } } });
    for (const args of call.fragments) emit('tool-call-delta', { index: i, delta: { message: { tool_calls: { function: { arguments: args } } } } }, true);
    emit('tool-call-end', { index: i });
  });
  emit('message-end', { delta: { finish_reason: plan.finishReason, usage: plan.usage } });
  frames.push({ data: '[DONE]', content: false });
  return { headers: { 'x-request-id': requestId }, frames, malformedFrame: MALFORMED_COHERE_FRAME };
}
