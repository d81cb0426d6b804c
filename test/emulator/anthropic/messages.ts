import type { RequestContext } from '../request-context.ts';
import { requestIdOf, sendJson } from '../send-json.ts';
import { streamFrames } from '../stream-frames.ts';
import { sendAnthropicError } from './errors.ts';
import { messageBody } from './message-response.ts';
import { messagesStreamPlan } from './message-stream.ts';
import { planMessages } from './messages-plan.ts';
import { parseMessagesRequest } from './messages-request.ts';

/** `POST /v1/messages`, streaming or not. Every call must name an `anthropic-version`, as the API requires. */
export async function handleMessages(ctx: RequestContext): Promise<void> {
  if (typeof ctx.req.headers['anthropic-version'] !== 'string' || ctx.req.headers['anthropic-version'] === '') {
    sendAnthropicError(ctx, 400, { message: 'anthropic-version: header is required' });
    return;
  }
  const parsed = parseMessagesRequest(ctx.body);
  if (!parsed.ok) {
    sendAnthropicError(ctx, 400, parsed.error);
    return;
  }
  const plan = planMessages(parsed.request, ctx.directives, ctx.entry.id);
  if (!parsed.request.stream) {
    ctx.res.setHeader('request-id', requestIdOf(ctx));
    sendJson(ctx, 200, messageBody(plan));
    return;
  }
  await streamFrames(ctx, messagesStreamPlan(plan, requestIdOf(ctx)));
}
