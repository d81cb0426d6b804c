import type { ErrorDetail, RequestContext } from '../request-context.ts';
import { sendJson } from '../send-json.ts';

/**
 * OpenAI's error envelope. Every field is always present (`param`/`code` may be null),
 * matching what api.openai.com returns. https://platform.openai.com/docs/guides/error-codes
 */
export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

type ErrorTemplate = OpenAIErrorBody['error'];

function template(status: number, model: string): ErrorTemplate {
  switch (status) {
    case 400:
      return { message: 'Invalid request (emulated).', type: 'invalid_request_error', param: null, code: null };
    case 401:
      return {
        message: 'Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.',
        type: 'invalid_request_error', param: null, code: 'invalid_api_key',
      };
    case 403:
      return { message: 'You are not allowed to access this resource.', type: 'invalid_request_error', param: null, code: 'permission_denied' };
    case 404:
      return {
        message: `The model \`${model}\` does not exist or you do not have access to it.`,
        type: 'invalid_request_error', param: null, code: 'model_not_found',
      };
    case 413:
      return { message: 'Request too large.', type: 'invalid_request_error', param: null, code: 'request_too_large' };
    case 429:
      return {
        message: `Rate limit reached for ${model} in organization org-emulator on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
        type: 'requests', param: null, code: 'rate_limit_exceeded',
      };
    case 502:
      return { message: 'Bad gateway.', type: 'server_error', param: null, code: null };
    case 503:
      return {
        message: 'Our servers are currently overloaded. Please try again later.',
        type: 'service_unavailable_error', param: null, code: 'server_is_overloaded',
      };
    default:
      return status >= 500
        ? { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null }
        : { message: `Request failed with status ${status} (emulated).`, type: 'invalid_request_error', param: null, code: null };
  }
}

/** Codes with a well-known OpenAI message and type; `error_code=<code>` picks them. */
function knownCode(code: string, model: string): Partial<ErrorTemplate> | undefined {
  switch (code) {
    case 'context_length_exceeded':
      return {
        message: "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens. Please reduce the length of the messages.",
        type: 'invalid_request_error', param: 'messages',
      };
    case 'insufficient_quota':
      return {
        message: 'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
        type: 'insufficient_quota', param: null,
      };
    case 'model_not_found':
      return { message: `The model \`${model}\` does not exist or you do not have access to it.`, type: 'invalid_request_error' };
    default:
      return undefined;
  }
}

/** Builds the OpenAI error body for a status, applying `detail` overrides. */
export function openAIErrorBody(status: number, model: string, detail?: ErrorDetail): OpenAIErrorBody {
  const base = template(status, model);
  const known = detail?.code ? knownCode(detail.code, model) : undefined;
  return {
    error: {
      message: detail?.message ?? known?.message ?? base.message,
      type: detail?.type ?? known?.type ?? base.type,
      param: detail?.param !== undefined ? detail.param : known?.param !== undefined ? known.param : base.param,
      code: detail?.code !== undefined ? detail.code : base.code,
    },
  };
}

/** Sends an OpenAI-shaped error response for the request in `ctx`. */
export function sendOpenAIError(ctx: RequestContext, status: number, detail?: ErrorDetail): void {
  sendJson(ctx, status, openAIErrorBody(status, requestModel(ctx.body), detail));
}

function requestModel(body: unknown): string {
  const model = body !== null && typeof body === 'object' ? (body as { model?: unknown }).model : undefined;
  return typeof model === 'string' ? model : 'gpt-4o-mini';
}
