import type { ErrorDetail } from '../request-context.ts';
import type { StreamFrame, StreamPlan } from '../stream-frames.ts';
import { openAIErrorBody } from './errors.ts';
import type { ChatPlan } from './chat-plan.ts';
import { SYSTEM_FINGERPRINT } from './chat-completion-response.ts';

/** Sent after the first content chunk when `malformed_sse=1`: a `data:` frame that is not JSON. */
export const MALFORMED_CHAT_FRAME = 'data: {"id": broken\n\n';

/**
 * Builds the `chat.completion.chunk` frames OpenAI sends for a streamed completion:
 * a role chunk, one chunk per token (or tool-call header / argument fragment), a chunk
 * with `delta: {}` and the finish reason, then with `stream_options.include_usage` a
 * usage chunk with `choices: []` (earlier chunks carry `usage: null`), then `[DONE]`.
 * https://platform.openai.com/docs/api-reference/chat-streaming
 */
export function chatStreamPlan(plan: ChatPlan, includeUsage: boolean, requestId: string): StreamPlan {
  const head = {
    id: plan.id,
    object: 'chat.completion.chunk',
    created: plan.created,
    model: plan.model,
    service_tier: 'default',
    system_fingerprint: SYSTEM_FINGERPRINT,
  };
  const open = `${JSON.stringify(head).slice(0, -1)},"choices":[{"index":0,"delta":`;
  const close = includeUsage ? '}],"usage":null}' : '}]}';
  const frames: StreamFrame[] = [];
  const push = (delta: object, content: boolean, finishReason: string | null = null): void => {
    const data = `${open}${JSON.stringify(delta)},"logprobs":null,"finish_reason":${JSON.stringify(finishReason)}${close}`;
    frames.push({ data, content });
  };

  if (plan.toolCalls.length === 0) {
    push({ role: 'assistant', content: '', refusal: null }, false);
    for (const piece of plan.pieces) push({ content: piece }, true);
  } else {
    plan.toolCalls.forEach((call, index) => {
      const header = { index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } };
      push(index === 0 ? { role: 'assistant', content: null, tool_calls: [header], refusal: null } : { tool_calls: [header] }, false);
      for (const fragment of call.fragments) push({ tool_calls: [{ index, function: { arguments: fragment } }] }, true);
    });
  }
  push({}, false, plan.finishReason);
  if (includeUsage) frames.push({ data: JSON.stringify({ ...head, choices: [], usage: plan.usage }), content: false });
  frames.push({ data: '[DONE]', content: false });
  return { headers: { 'x-request-id': requestId }, frames, malformedFrame: MALFORMED_CHAT_FRAME, inBandError: chatStreamError };
}

/** OpenAI's in-band stream error: a `data:` event holding only the error envelope (a 500's by default). */
function chatStreamError(detail: ErrorDetail): string {
  return `data: ${JSON.stringify(openAIErrorBody(500, '', detail))}\n\n`;
}
