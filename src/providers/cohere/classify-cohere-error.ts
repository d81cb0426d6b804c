import { HttpError } from '../../server/http-error.ts';
import type { UpstreamFailure } from '../../upstream/upstream-failure.ts';
import { upstreamAuthFailure, rateLimitedFailure, serverFaultFailure } from '../../upstream/status-failures.ts';

const CONTEXT_TOO_LONG = /too many tokens|context length|maximum (context|number of tokens)|exceeds? the (context|token) limit/i;

/** Cohere's error body is `{id?, message}`; anything else yields no message. */
function cohereMessage(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    return body !== null && typeof body === 'object' && typeof body.message === 'string' && body.message !== '' ? body.message.slice(0, 2000) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Classifies a non-2xx answer from Cohere. Its documented statuses: 400 bad request, 401 unauthorized,
 * 402 payment required, 404 not found, 422 unprocessable, 429 too many requests, 498 invalid token,
 * 499 request cancelled, 500 internal, 503 unavailable, 504 timeout. 401/403/498 (the key) and 402 (the
 * account) are the gateway's problem and fail over without Cohere's text; 429 is rate limiting with
 * retry-after; 499 and 5xx fail over; other 4xx return to the client, a too-long prompt with code
 * `context_length_exceeded`. https://docs.cohere.com/reference/errors
 */
export function classifyCohereError(providerId: string, status: number, headers: Record<string, string | string[] | undefined>, text: string): UpstreamFailure {
  const message = cohereMessage(text);
  if (status === 401 || status === 403 || status === 498) return upstreamAuthFailure(providerId, status, "that provider's api_key and account");
  if (status === 402) {
    return upstreamAuthFailure(providerId, status, "that provider's api_key and account", 'upstream_payment_required', 'refused the request for lack of payment on the gateway account');
  }
  if (status === 429) return rateLimitedFailure(providerId, status, headers, message);
  if (status >= 500 || status === 408 || status === 499) return serverFaultFailure(providerId, status, headers, message);
  const contextTooLong = status === 400 && message !== undefined && CONTEXT_TOO_LONG.test(message);
  const clientStatus = status === 404 || status === 413 || status === 422 ? status : 400;
  return {
    errorClass: status === 404 ? 'not_found' : 'invalid_request',
    action: 'return',
    upstreamStatus: status,
    clientError: new HttpError(clientStatus, 'invalid_request_error',
      contextTooLong ? 'context_length_exceeded' : status === 404 ? 'model_not_found' : 'upstream_invalid_request',
      message ?? `provider ${providerId} rejected the request (HTTP ${status})`, contextTooLong ? { param: 'messages' } : undefined),
  };
}
