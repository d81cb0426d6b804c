import type { StreamFrame, StreamPlan } from '../stream-frames.ts';
import type { MistralChatPlan } from './chat-plan.ts';

/** Sent after the first content chunk when `malformed_sse=1`: a `data:` frame that is not JSON. */
export const MALFORMED_MISTRAL_FRAME = 'data: {"id": broken\n\n';

/**
 * Mistral's streamed completion: data-only SSE `chat.completion.chunk` frames — a role chunk, one chunk
 * per thinking token (`content: [{type:'thinking', …}]`), per text token (a string, or a `text` chunk when
 * the answer reasoned), per tool-call argument fragment (the first with id, type and name) — then a chunk
 * with `finish_reason` and `usage`, then `data: [DONE]`. Usage is always sent; there are no stream options.
 * Only text and tool-argument chunks count as content for `cut_after` / `hang_after` / `malformed_sse`.
 */
export function mistralStreamPlan(plan: MistralChatPlan, requestId: string): StreamPlan {
  const head = { id: plan.id, object: 'chat.completion.chunk', created: plan.created, model: plan.model };
  const frames: StreamFrame[] = [];
  const push = (delta: object, content: boolean, extra: object = {}, finish: string | null = null): void => {
    frames.push({ data: JSON.stringify({ ...head, choices: [{ index: 0, delta, finish_reason: finish }], ...extra }), content });
  };
  push({ role: 'assistant', content: '' }, false);
  for (const text of plan.thinking) push({ content: [{ type: 'thinking', thinking: [{ type: 'text', text }] }] }, false);
  const chunked = plan.thinking.length > 0;
  for (const text of plan.pieces) push({ content: chunked ? [{ type: 'text', text }] : text }, true);
  plan.toolCalls.forEach((call, index) => {
    const fragments = call.fragments.length > 0 ? call.fragments : [''];
    fragments.forEach((args, i) => {
      const fn = i === 0 ? { id: call.id, type: 'function', function: { name: call.name, arguments: args }, index } : { function: { name: '', arguments: args }, index };
      push({ tool_calls: [fn] }, args !== '');
    });
  });
  push({ content: '' }, false, { usage: plan.usage }, plan.finishReason);
  frames.push({ data: '[DONE]', content: false });
  return { headers: { 'x-request-id': requestId }, frames, malformedFrame: MALFORMED_MISTRAL_FRAME };
}
