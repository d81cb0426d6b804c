import { HttpError } from '../server/http-error.ts';
import { parseRetryAfter, type UpstreamFailure } from './upstream-failure.ts';

type Headers = Record<string, string | string[] | undefined>;
const said = (message: string | undefined) => (message ? `: ${message}` : '');

/**
 * The provider rejected the gateway's own credentials: fail over, and tell the client it is the gateway's
 * problem without the provider's text (which may quote the provider key). `check` names what the operator must fix.
 */
export function upstreamAuthFailure(providerId: string, status: number, check = "that provider's api_key", code = 'upstream_auth_failed', what = "rejected the gateway's credentials"): UpstreamFailure {
  return {
    errorClass: 'upstream_auth',
    action: 'failover',
    upstreamStatus: status,
    clientError: new HttpError(502, 'upstream_error', code, `provider ${providerId} ${what} (HTTP ${status}); the operator must check ${check}`),
  };
}

/**
 * The provider is throttling: fail over; if no target is left the client gets 429 with the provider's
 * Retry-After (`retryAfterMs` overrides the headers for providers that say it in the body, like Google's RetryInfo).
 */
export function rateLimitedFailure(providerId: string, status: number, headers: Headers, message?: string, retryAfterMs = parseRetryAfter(headers)): UpstreamFailure {
  return {
    errorClass: 'rate_limited',
    action: 'failover',
    upstreamStatus: status,
    retryAfterMs,
    clientError: new HttpError(429, 'rate_limit_error', 'upstream_rate_limited', `provider ${providerId} is rate limiting requests${said(message)}`, {
      headers: retryAfterMs != null ? { 'retry-after': String(Math.ceil(retryAfterMs / 1000)) } : {},
    }),
  };
}

/** A server-side fault (5xx, 408): fail over; 503 is reported as unavailable, 504 as a timeout. `label` follows the status in the message (e.g. a provider error type). */
export function serverFaultFailure(providerId: string, status: number, headers: Headers, message?: string, label = ''): UpstreamFailure {
  const unavailable = status === 503;
  const timeout = status === 504;
  return {
    errorClass: unavailable ? 'upstream_unavailable' : timeout ? 'upstream_timeout' : 'upstream_error',
    action: 'failover',
    upstreamStatus: status,
    retryAfterMs: parseRetryAfter(headers),
    clientError: new HttpError(timeout ? 504 : 502, 'upstream_error', unavailable ? 'upstream_unavailable' : timeout ? 'upstream_timeout' : 'upstream_server_error',
      `provider ${providerId} returned HTTP ${status}${label ? ` ${label}` : ''}${said(message)}`),
  };
}
