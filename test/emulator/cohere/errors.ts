import type { ErrorDetail, RequestContext } from '../request-context.ts';
import { sendJson } from '../send-json.ts';

/** Cohere's error body: `{id, message}`, nothing else. https://docs.cohere.com/reference/errors */
export interface CohereErrorBody {
  id: string;
  message: string;
}

function message(status: number, model: string): string {
  switch (status) {
    case 400:
      return 'invalid request: the request could not be processed (emulated).';
    case 401:
      return 'invalid api token';
    case 402:
      return 'Please add or update your payment method at https://dashboard.cohere.com/billing?tab=payment to continue';
    case 404:
      return `model '${model}' not found, make sure the correct model ID was used and that you have access to the model.`;
    case 429:
      return 'You are using a Trial key, which is limited to 20 API calls / minute. You can continue to use the Trial key for free or upgrade to a Production key with higher rate limits.';
    case 498:
      return 'invalid api token';
    case 499:
      return 'request cancelled by user';
    case 500:
      return 'internal server error, this has been reported to our developers.';
    case 503:
      return 'service unavailable';
    default:
      return status >= 500 ? 'internal server error' : `request failed with status ${status} (emulated)`;
  }
}

/** Codes with a well-known Cohere message; `error_code=<code>` picks them (Cohere bodies have no code field). */
function knownCode(code: string, model: string): string | undefined {
  switch (code) {
    case 'context_length_exceeded':
      return 'too many tokens: total number of tokens in the prompt cannot exceed 128000 - received 130000. Try using a shorter prompt, or enabling prompt truncating.';
    case 'model_not_found':
      return message(404, model);
    default:
      return undefined;
  }
}

function requestModel(body: unknown): string {
  const model = body !== null && typeof body === 'object' ? (body as { model?: unknown }).model : undefined;
  return typeof model === 'string' ? model : 'command-a-03-2025';
}

/** The body id: a UUID derived from the request number, like Cohere's per-request ids. */
export function cohereRequestUuid(requestNumber: number): string {
  return `00000000-0000-4000-8000-${requestNumber.toString(16).padStart(12, '0')}`;
}

/** Sends Cohere's error for a status; `detail.message` overrides the text, `detail.code` picks a known one. */
export function sendCohereError(ctx: RequestContext, status: number, detail?: ErrorDetail): void {
  const model = requestModel(ctx.body);
  const known = detail?.code ? knownCode(detail.code, model) : undefined;
  sendJson(ctx, status, { id: cohereRequestUuid(ctx.entry.id), message: detail?.message ?? known ?? message(status, model) });
}
