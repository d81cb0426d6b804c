import type { RequestContext } from '../request-context.ts';
import { requestIdOf, sendJson } from '../send-json.ts';
import { streamFrames } from '../stream-frames.ts';
import { chatCompletionBody } from './chat-completion-response.ts';
import { chatStreamPlan } from './chat-completion-stream.ts';
import { planChat } from './chat-plan.ts';
import { parseChatRequest } from './chat-request.ts';
import { sendOpenAIError } from './errors.ts';

/** `POST /v1/chat/completions`, streaming or not. */
export async function handleChatCompletions(ctx: RequestContext): Promise<void> {
  const parsed = parseChatRequest(ctx.body);
  if (!parsed.ok) {
    sendOpenAIError(ctx, 400, parsed.error);
    return;
  }
  const plan = planChat(parsed.request, ctx.directives, ctx.entry.id);
  if (!parsed.request.stream) {
    sendJson(ctx, 200, chatCompletionBody(plan));
    return;
  }
  await streamFrames(ctx, chatStreamPlan(plan, parsed.request.includeUsage, requestIdOf(ctx)));
}
