import { HttpError } from '../../server/http-error.ts';
import { parseRetryAfter, type UpstreamFailure } from '../../upstream/upstream-failure.ts';
import { upstreamAuthFailure, rateLimitedFailure } from '../../upstream/status-failures.ts';

interface ErrorFields {
  type?: string;
  message?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v.slice(0, 2000) : undefined);

function parseError(text: string): ErrorFields {
  try {
    const body = JSON.parse(text) as { error?: { type?: unknown; message?: unknown } } | null;
    const error = body !== null && typeof body === 'object' ? body.error : undefined;
    if (error === null || typeof error !== 'object') return {};
    return { type: str(error.type), message: str(error.message) };
  } catch {
    return {};
  }
}

/** Anthropic says "prompt is too long: N tokens > M maximum" or that input plus `max_tokens` exceed the context limit. */
function isContextLength(message: string | undefined): boolean {
  if (message === undefined) return false;
  const m = message.toLowerCase();
  return m.includes('prompt is too long') || m.includes('exceed context limit') || m.includes('context window');
}

/**
 * Classifies a non-2xx answer from the Messages API (`{type:'error', error:{type, message}}`).
 * https://docs.anthropic.com/en/api/errors
 * 400/404/413 and other client errors are the caller's and are returned in Anthropic's words (a prompt
 * that is too long gets code `context_length_exceeded`). 401/403 and 402 (billing) are the operator's
 * problem: they fail over and the client never sees the upstream text, which may describe the key.
 * 429 fails over with its retry-after; 5xx, 529 `overloaded_error` and timeouts fail over.
 */
export function classifyAnthropicError(providerId: string, status: number, headers: Record<string, string | string[] | undefined>, text: string): UpstreamFailure {
  const err = parseError(text);
  const upstreamMessage = err.message;
  if (status === 401 || status === 403) return upstreamAuthFailure(providerId, status);
  if (status === 402) {
    return {
      errorClass: 'upstream_auth',
      action: 'failover',
      upstreamStatus: status,
      clientError: new HttpError(502, 'upstream_error', 'upstream_billing_error',
        `provider ${providerId} refused the request for a billing reason (HTTP 402); the operator must check that provider's account`),
    };
  }
  if (status === 429) return rateLimitedFailure(providerId, status, headers, upstreamMessage);
  if (status >= 500 || status === 408 || status === 409) {
    const overloaded = status === 529 || status === 503 || err.type === 'overloaded_error';
    return {
      errorClass: overloaded ? 'upstream_unavailable' : status === 504 || status === 408 ? 'upstream_timeout' : 'upstream_error',
      action: 'failover',
      upstreamStatus: status,
      retryAfterMs: parseRetryAfter(headers),
      clientError: new HttpError(overloaded ? 503 : 502, 'upstream_error', overloaded ? 'upstream_overloaded' : 'upstream_server_error',
        `provider ${providerId} returned HTTP ${status}${err.type ? ` ${err.type}` : ''}${upstreamMessage ? `: ${upstreamMessage}` : ''}`),
    };
  }
  if (isContextLength(upstreamMessage)) {
    return {
      errorClass: 'invalid_request',
      action: 'return',
      upstreamStatus: status,
      clientError: new HttpError(400, 'invalid_request_error', 'context_length_exceeded', upstreamMessage as string),
    };
  }
  const clientStatus = status === 404 || status === 413 || status === 422 ? status : 400;
  return {
    errorClass: status === 404 ? 'not_found' : 'invalid_request',
    action: 'return',
    upstreamStatus: status,
    clientError: new HttpError(clientStatus, err.type ?? 'invalid_request_error', status === 404 ? 'upstream_not_found' : status === 413 ? 'request_too_large' : 'upstream_invalid_request',
      upstreamMessage ?? `provider ${providerId} rejected the request (HTTP ${status})`),
  };
}
