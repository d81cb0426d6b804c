import type { RequestContext } from '../request-context.ts';
import { requestIdOf, sendJson } from '../send-json.ts';
import { streamFrames } from '../stream-frames.ts';
import { planMistralChat } from './chat-plan.ts';
import { parseMistralChatRequest } from './chat-request.ts';
import { mistralChatBody } from './chat-response.ts';
import { mistralStreamPlan } from './chat-stream.ts';
import { sendMistralError, sendMistralValidationError } from './errors.ts';

/** `POST /v1/chat/completions` in Mistral's format, streaming or not. */
export async function handleMistralChat(ctx: RequestContext): Promise<void> {
  const parsed = parseMistralChatRequest(ctx.body);
  if (!parsed.ok) {
    if (parsed.status === 422) sendMistralValidationError(ctx, parsed.items);
    else sendMistralError(ctx, 400, { message: parsed.message });
    return;
  }
  const plan = planMistralChat(parsed.request, ctx.directives, ctx.entry.id);
  if (!parsed.request.stream) {
    sendJson(ctx, 200, mistralChatBody(plan));
    return;
  }
  await streamFrames(ctx, mistralStreamPlan(plan, requestIdOf(ctx)));
}
