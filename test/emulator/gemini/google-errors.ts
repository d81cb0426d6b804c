import type { ErrorDetail, RequestContext } from '../request-context.ts';
import { sendJson } from '../send-json.ts';

/**
 * Google's error envelope (google.rpc.Status as JSON): `code` is the HTTP status, `status` the
 * canonical code name. https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 */
export interface GoogleErrorBody {
  error: { code: number; message: string; status: string; details?: Array<Record<string, unknown>> };
}

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND', 409: 'ABORTED',
  413: 'INVALID_ARGUMENT', 429: 'RESOURCE_EXHAUSTED', 499: 'CANCELLED', 500: 'INTERNAL', 501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE', 504: 'DEADLINE_EXCEEDED',
};

const MESSAGES: Record<number, string> = {
  400: 'Request contains an invalid argument.',
  401: 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
  403: 'The caller does not have permission',
  404: 'Requested entity was not found.',
  413: 'Request payload size exceeds the limit.',
  429: 'Resource has been exhausted (e.g. check quota).',
  500: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  503: 'The model is overloaded. Please try again later.',
  504: 'Deadline expired before operation could complete.',
};

/** `error_code` values with Google's own wording. */
const KNOWN_CODES: Record<string, { status: string; message: string }> = {
  context_length_exceeded: {
    status: 'INVALID_ARGUMENT',
    message: 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).',
  },
};

export function googleStatusName(status: number): string {
  return STATUS_NAMES[status] ?? (status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION');
}

/**
 * The body for an error status. `detail.code` names a known code (`context_length_exceeded`) or overrides
 * `status` (e.g. `FAILED_PRECONDITION`); `detail.message` overrides the message. A 429 with the `retry_after`
 * directive carries `RetryInfo.retryDelay`, as Google's quota errors do.
 */
export function googleErrorBody(status: number, detail: ErrorDetail | undefined, retryAfter: number | undefined): GoogleErrorBody {
  const known = detail?.code ? KNOWN_CODES[detail.code] : undefined;
  const error: GoogleErrorBody['error'] = {
    code: status,
    message: detail?.message ?? known?.message ?? MESSAGES[status] ?? `Request failed with status ${status} (emulated).`,
    status: known?.status ?? (detail?.code ? detail.code : googleStatusName(status)),
  };
  if (status === 429 && retryAfter !== undefined && retryAfter >= 0) {
    error.details = [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfter}s` }];
  }
  return { error };
}

/** Sends a Google error for the request in `ctx`. */
export function sendGoogleError(ctx: RequestContext, status: number, detail?: ErrorDetail): void {
  sendJson(ctx, status, googleErrorBody(status, detail, ctx.directives.retry_after));
}

/** Google's words for a prompt over the model's input limit (what `classifyGoogleError` reads as context length). */
export function googleContextLengthMessage(promptTokens: number, limit: number): string {
  return `The input token count (${promptTokens}) exceeds the maximum number of tokens allowed (${limit}).`;
}

/** Google's answer to a body that is not JSON. */
export const GOOGLE_BAD_JSON: ErrorDetail = { message: 'Invalid JSON payload received. Unexpected token.', code: 'INVALID_ARGUMENT' };
