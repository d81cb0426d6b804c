import type { ErrorDetail, RequestContext } from '../request-context.ts';
import { requestIdOf, sendJson } from '../send-json.ts';

/**
 * Anthropic's error envelope: `{type:'error', error:{type, message}, request_id}`, with the error type
 * fixed by the HTTP status. https://docs.anthropic.com/en/api/errors
 */
export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string };
  request_id: string;
}

function template(status: number, model: string): { type: string; message: string } {
  switch (status) {
    case 400:
      return { type: 'invalid_request_error', message: 'Invalid request (emulated).' };
    case 401:
      return { type: 'authentication_error', message: 'invalid x-api-key' };
    case 402:
      return { type: 'billing_error', message: 'Your credit balance is too low to access the Anthropic API.' };
    case 403:
      return { type: 'permission_error', message: 'Your API key does not have permission to use the specified resource.' };
    case 404:
      return { type: 'not_found_error', message: `model: ${model}` };
    case 413:
      return { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' };
    case 429:
      return {
        type: 'rate_limit_error',
        message: 'Number of request tokens has exceeded your per-minute rate limit (https://docs.anthropic.com/en/api/rate-limits); see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.',
      };
    case 503:
    case 529:
      return { type: 'overloaded_error', message: 'Overloaded' };
    case 504:
      return { type: 'timeout_error', message: 'Request timed out' };
    default:
      return status >= 500
        ? { type: 'api_error', message: 'Internal server error' }
        : { type: 'invalid_request_error', message: `Request failed with status ${status} (emulated).` };
  }
}

/** The message Anthropic gives a prompt over the context window; `error_code=context_length_exceeded` picks it. */
export const PROMPT_TOO_LONG = 'prompt is too long: 208310 tokens > 200000 maximum';

/**
 * Builds the body for a status. Anthropic errors have no `code`, so the `error_code` directive sets
 * `error.type` instead, except `context_length_exceeded`, which gives the prompt-too-long message.
 */
export function anthropicErrorBody(status: number, model: string, requestId: string, detail?: ErrorDetail): AnthropicErrorBody {
  const base = template(status, model);
  const code = detail?.code ?? undefined;
  const contextLength = code === 'context_length_exceeded';
  return {
    type: 'error',
    error: {
      type: detail?.type ?? (contextLength ? 'invalid_request_error' : code) ?? base.type,
      message: detail?.message ?? (contextLength ? PROMPT_TOO_LONG : base.message),
    },
    request_id: requestId,
  };
}

/** Sends an Anthropic error; `request-id` is the header Anthropic and its SDK use. */
export function sendAnthropicError(ctx: RequestContext, status: number, detail?: ErrorDetail): void {
  if (!ctx.res.headersSent) ctx.res.setHeader('request-id', requestIdOf(ctx));
  sendJson(ctx, status, anthropicErrorBody(status, requestModel(ctx.body), requestIdOf(ctx), detail));
}

function requestModel(body: unknown): string {
  const model = body !== null && typeof body === 'object' ? (body as { model?: unknown }).model : undefined;
  return typeof model === 'string' ? model : 'claude-sonnet-4-5';
}
