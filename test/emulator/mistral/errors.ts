import type { ErrorDetail, RequestContext } from '../request-context.ts';
import { requestIdOf, sendJson } from '../send-json.ts';

/**
 * Mistral's error envelope from its inference service: `{object:'error', message, type, param, code}`
 * (`code` is a numeric string such as "1300" or null). https://docs.mistral.ai/api/
 */
export interface MistralErrorBody {
  object: 'error';
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

/** One FastAPI validation item, as Mistral's 422 carries them. */
export interface ValidationItem {
  type: string;
  loc: Array<string | number>;
  msg: string;
  input: unknown;
}

function template(status: number, model: string): MistralErrorBody {
  const base = { object: 'error' as const, param: null, code: null };
  switch (status) {
    case 400:
      return { ...base, message: 'Invalid request (emulated).', type: 'invalid_request_error' };
    case 404:
      return { ...base, message: `Invalid model: ${model}`, type: 'invalid_model', code: '1500' };
    case 429:
      return { ...base, message: 'Requests rate limit exceeded', type: 'rate_limited', code: '1300' };
    case 503:
      return { ...base, message: 'Service unavailable.', type: 'service_unavailable' };
    default:
      return status >= 500
        ? { ...base, message: 'Internal server error', type: 'internal_server_error' }
        : { ...base, message: `Request failed with status ${status} (emulated).`, type: 'invalid_request_error' };
  }
}

/** Codes with a well-known Mistral message; `error_code=<code>` picks them (the body's `code` stays null). */
function knownCode(code: string, model: string): Partial<MistralErrorBody> | undefined {
  switch (code) {
    case 'context_length_exceeded':
      return { message: `Prompt contains 130000 tokens and 0 draft tokens, too large for model ${model} with 131072 maximum context length`, type: 'invalid_request_error', code: null };
    case 'model_not_found':
      return { message: `Invalid model: ${model}`, type: 'invalid_model', code: '1500' };
    default:
      return undefined;
  }
}

function requestModel(body: unknown): string {
  const model = body !== null && typeof body === 'object' ? (body as { model?: unknown }).model : undefined;
  return typeof model === 'string' ? model : 'mistral-small-latest';
}

/**
 * Sends Mistral's error for a status. 401 and 403 come from Mistral's API gateway in its own shape,
 * `{message, request_id}`; everything else uses the inference envelope, with `detail` overrides applied.
 */
export function sendMistralError(ctx: RequestContext, status: number, detail?: ErrorDetail): void {
  const model = requestModel(ctx.body);
  if (status === 401 || status === 403) {
    sendJson(ctx, status, { message: detail?.message ?? (status === 401 ? 'Unauthorized' : 'Forbidden'), request_id: requestIdOf(ctx) });
    return;
  }
  const base = template(status, model);
  const known = detail?.code ? knownCode(detail.code, model) : undefined;
  sendJson(ctx, status, {
    object: 'error',
    message: detail?.message ?? known?.message ?? base.message,
    type: detail?.type ?? known?.type ?? base.type,
    param: detail?.param !== undefined ? detail.param : base.param,
    code: known !== undefined ? (known.code ?? null) : detail?.code !== undefined ? detail.code : base.code,
  });
}

/** A 422 as Mistral sends request-validation failures: the FastAPI `detail` list inside `message`. */
export function sendMistralValidationError(ctx: RequestContext, items: ValidationItem[]): void {
  sendJson(ctx, 422, { object: 'error', message: { detail: items }, type: 'invalid_request_error', param: null, code: null });
}
