import { HttpError } from '../../server/http-error.ts';
import { parseRetryAfter, type UpstreamFailure } from '../../upstream/upstream-failure.ts';
import type { GoogleErrorBody } from './gemini-wire-types.ts';
import { rateLimitedFailure } from '../../upstream/status-failures.ts';

type GoogleError = NonNullable<GoogleErrorBody['error']>;

/** What to tell the operator to check when Google rejects the gateway's credentials. */
export interface GoogleCredentialHint {
  /** e.g. `api_key` (Gemini API) or `gcp_service_account` (Vertex). */
  setting: string;
}

const CONTEXT_TOO_LONG = /exceeds the maximum number of tokens|input token count|context (?:window|length)|too many tokens/i;
const DURATION = /^(\d+(?:\.\d+)?)s$/;
const RETRY_INFO = 'type.googleapis.com/google.rpc.RetryInfo';
const ERROR_INFO = 'type.googleapis.com/google.rpc.ErrorInfo';

/** The `error` object of a Google error body; streaming endpoints without `alt=sse` wrap it in an array. */
export function parseGoogleError(text: string): GoogleError | undefined {
  try {
    let body: unknown = JSON.parse(text);
    if (Array.isArray(body)) body = body[0];
    const err = (body as GoogleErrorBody | null)?.error;
    return err !== null && typeof err === 'object' ? err : undefined;
  } catch {
    return undefined;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v.slice(0, 2000) : undefined);

function retryDelayMs(err: GoogleError | undefined): number | undefined {
  for (const d of err?.details ?? []) {
    if (d?.['@type'] !== RETRY_INFO || typeof d.retryDelay !== 'string') continue;
    const m = DURATION.exec(d.retryDelay);
    if (m !== null) return Math.ceil(Number(m[1]) * 1000);
  }
  return undefined;
}

function isApiKeyRejection(err: GoogleError | undefined): boolean {
  return (err?.details ?? []).some((d) => d?.['@type'] === ERROR_INFO && typeof d.reason === 'string' && d.reason.startsWith('API_KEY_'));
}

/**
 * Classifies a non-2xx answer from the Gemini API or Vertex AI (`{error: {code, message, status, details}}`).
 * - 401, 403, and a 400 whose ErrorInfo reason is `API_KEY_INVALID`: the gateway's credentials → fail over, reported
 *   as the gateway's fault (never echoing Google's text, which may quote the key);
 * - 429 RESOURCE_EXHAUSTED → rate limited, retry delay from `RetryInfo.retryDelay` (else `retry-after`);
 * - 5xx (500 INTERNAL, 503 UNAVAILABLE, 504 DEADLINE_EXCEEDED) and 400 FAILED_PRECONDITION (region/billing, an
 *   operator matter) → fail over;
 * - a 400 about the token limit → `context_length_exceeded`; other 4xx (404 NOT_FOUND included) → returned to the client.
 * https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 */
export function classifyGoogleError(
  providerId: string,
  status: number,
  headers: Record<string, string | string[] | undefined>,
  text: string,
  hint: GoogleCredentialHint,
): UpstreamFailure {
  const err = parseGoogleError(text);
  const message = str(err?.message);
  const googleStatus = str(err?.status);
  if (status === 401 || status === 403 || (status === 400 && isApiKeyRejection(err))) {
    return {
      errorClass: 'upstream_auth',
      action: 'failover',
      upstreamStatus: status,
      clientError: new HttpError(502, 'upstream_error', 'upstream_auth_failed',
        `provider ${providerId} rejected the gateway's credentials (HTTP ${status}${googleStatus ? ` ${googleStatus}` : ''}); the operator must check that provider's ${hint.setting}`),
    };
  }
  if (status === 429) return rateLimitedFailure(providerId, status, headers, message, retryDelayMs(err) ?? parseRetryAfter(headers));
  if (status >= 500 || status === 408 || (status === 400 && googleStatus === 'FAILED_PRECONDITION')) {
    return {
      errorClass: status === 504 ? 'upstream_timeout' : status === 503 ? 'upstream_unavailable' : 'upstream_error',
      action: 'failover',
      upstreamStatus: status,
      retryAfterMs: retryDelayMs(err) ?? parseRetryAfter(headers),
      clientError: new HttpError(status === 504 ? 504 : 502, 'upstream_error',
        status === 503 ? 'upstream_unavailable' : status === 504 ? 'upstream_timeout' : 'upstream_server_error',
        `provider ${providerId} returned HTTP ${status}${googleStatus ? ` ${googleStatus}` : ''}${message ? `: ${message}` : ''}`),
    };
  }
  if (status === 400 && message !== undefined && CONTEXT_TOO_LONG.test(message)) {
    return {
      errorClass: 'invalid_request',
      action: 'return',
      upstreamStatus: status,
      clientError: new HttpError(400, 'invalid_request_error', 'context_length_exceeded', message, { param: 'messages' }),
    };
  }
  const clientStatus = status === 404 ? 404 : status === 413 ? 413 : status === 422 ? 422 : 400;
  return {
    errorClass: status === 404 ? 'not_found' : 'invalid_request',
    action: 'return',
    upstreamStatus: status,
    clientError: new HttpError(clientStatus, 'invalid_request_error', status === 404 ? (message?.includes('model') ? 'model_not_found' : 'not_found') : 'upstream_invalid_request',
      message ?? `provider ${providerId} rejected the request (HTTP ${status}${googleStatus ? ` ${googleStatus}` : ''})`),
  };
}
