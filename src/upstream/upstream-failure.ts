import type { ErrorClass } from '../store/store-types.ts';
import { HttpError } from '../server/http-error.ts';
import { POOL_SATURATED } from './upstream-exchange.ts';

/**
 * Why an upstream attempt failed and what the executor should do about it:
 * `failover` tries the next target, `return` answers the client at once (its own request is bad).
 */
export interface UpstreamFailure {
  errorClass: ErrorClass;
  action: 'failover' | 'return';
  upstreamStatus?: number;
  retryAfterMs?: number;
  /** What the client gets if this is the last failure. */
  clientError: HttpError;
}

export interface AttemptSignals {
  /** Set when the gateway's client went away (not a timeout). */
  clientGone: () => boolean;
  /** Set when the attempt's total deadline passed. */
  deadlinePassed: () => boolean;
  /** The total deadline was the rest of the route's `deadline_ms`, not the target's `total_ms`. */
  totalIsRequestDeadline?: boolean;
}

const gatewayError = (status: number, code: string, message: string, headers?: Record<string, string>) =>
  new HttpError(status, 'upstream_error', code, message, { headers });

/** The client went away: nothing more to do for this request, and no target is to blame. */
export function clientGoneFailure(): UpstreamFailure {
  return { errorClass: 'client_disconnected', action: 'return', clientError: gatewayError(499, 'client_disconnected', 'client closed the connection') };
}

/** Maps a transport-level failure (connect, timeout, reset, abort) to a classified failure. */
export function classifyTransportError(providerId: string, err: unknown, t: { connectMs: number; firstByteMs: number; idleMs: number; totalMs: number }, signals: AttemptSignals): UpstreamFailure {
  const code = (err as { code?: string })?.code ?? '';
  if (signals.clientGone()) return clientGoneFailure();
  if (signals.deadlinePassed()) {
    return signals.totalIsRequestDeadline
      ? timeout(providerId, `did not finish before the request's deadline (the route's deadline_ms; ${t.totalMs} ms were left for this attempt)`)
      : timeout(providerId, `did not finish within ${t.totalMs} ms (total timeout)`);
  }
  switch (code) {
    case POOL_SATURATED:
      return { errorClass: 'pool_saturated', action: 'failover', clientError: gatewayError(503, 'pool_saturated', (err as Error).message) };
    case 'UND_ERR_CONNECT_TIMEOUT':
      return timeout(providerId, `connect timed out after ${t.connectMs} ms`);
    case 'UND_ERR_HEADERS_TIMEOUT':
      return timeout(providerId, `sent no response within ${t.firstByteMs} ms (first-byte timeout)`);
    case 'UND_ERR_BODY_TIMEOUT':
      return timeout(providerId, `went silent for ${t.idleMs} ms mid-response (idle timeout)`);
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { errorClass: 'upstream_unavailable', action: 'failover', clientError: gatewayError(502, 'upstream_unavailable', `provider ${providerId} is unreachable (${code})`) };
    default:
      return {
        errorClass: 'upstream_error',
        action: 'failover',
        clientError: gatewayError(502, 'upstream_connection_error', `connection to provider ${providerId} failed (${code || (err as Error)?.message || 'unknown error'})`),
      };
  }
}

function timeout(providerId: string, what: string): UpstreamFailure {
  return { errorClass: 'upstream_timeout', action: 'failover', clientError: gatewayError(504, 'upstream_timeout', `provider ${providerId} ${what}`) };
}

/** Parses `retry-after` (seconds or HTTP date) and `retry-after-ms` into milliseconds. */
export function parseRetryAfter(headers: Record<string, string | string[] | undefined>, now = Date.now()): number | undefined {
  const ms = headers['retry-after-ms'];
  if (typeof ms === 'string' && /^\d+(\.\d+)?$/.test(ms)) return Math.ceil(Number(ms));
  const ra = headers['retry-after'];
  if (typeof ra !== 'string') return undefined;
  if (/^\d+(\.\d+)?$/.test(ra.trim())) return Math.ceil(Number(ra) * 1000);
  const date = Date.parse(ra);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
