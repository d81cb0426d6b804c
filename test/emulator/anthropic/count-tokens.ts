import type { RequestContext } from '../request-context.ts';
import { sendJson } from '../send-json.ts';
import { sendAnthropicError } from './errors.ts';
import { countPromptTokens } from './message-text.ts';

/**
 * `POST /v1/messages/count_tokens`: a Messages body without `max_tokens` (`model` and `messages`
 * required) → `{"input_tokens": N}`, N by the same formula as the `usage.input_tokens` of `/v1/messages`
 * for that prompt. https://docs.anthropic.com/en/api/messages-count-tokens
 */
export function handleCountTokens(ctx: RequestContext): void {
  const body = ctx.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return sendAnthropicError(ctx, 400, { message: 'Input should be a valid dictionary or object to extract fields from', type: 'invalid_request_error' });
  const { model, messages, system } = body as { model?: unknown; messages?: unknown; system?: unknown };
  if (typeof model !== 'string' || model === '') return sendAnthropicError(ctx, 400, { message: 'model: Field required', type: 'invalid_request_error' });
  if (!Array.isArray(messages)) return sendAnthropicError(ctx, 400, { message: messages === undefined ? 'messages: Field required' : 'messages: Input should be a valid list', type: 'invalid_request_error' });
  sendJson(ctx, 200, { input_tokens: countPromptTokens(system, messages) });
}
