import type { RequestContext } from '../request-context.ts';
import { requestIdOf, sendJson } from '../send-json.ts';
import { streamFrames } from '../stream-frames.ts';
import { planCohereChat } from './chat-plan.ts';
import { parseCohereChatRequest } from './chat-request.ts';
import { cohereChatBody } from './chat-response.ts';
import { cohereStreamPlan } from './chat-stream.ts';
import { sendCohereError } from './errors.ts';

/** `POST /v2/chat`, streaming (`stream: true`) or not. */
export async function handleCohereChat(ctx: RequestContext): Promise<void> {
  const parsed = parseCohereChatRequest(ctx.body);
  if (!parsed.ok) {
    sendCohereError(ctx, 400, { message: parsed.message });
    return;
  }
  const plan = planCohereChat(parsed.request, ctx.directives, ctx.entry.id);
  if (!parsed.request.stream) {
    sendJson(ctx, 200, cohereChatBody(plan));
    return;
  }
  await streamFrames(ctx, cohereStreamPlan(plan, requestIdOf(ctx)));
}
