import type { RetryPolicy } from '../config/types.ts';
import type { UpstreamFailure } from '../upstream/upstream-failure.ts';

/** What the executor does after a failed attempt. */
export type NextStep =
  | { kind: 'return' }
  /** Try the same target again after `delayMs`, before any other. */
  | { kind: 'retry'; delayMs: number }
  /** Move on now; come back to this target after `delayMs` if the others fail too. */
  | { kind: 'failover_then_retry'; delayMs: number }
  | { kind: 'failover' }
  | { kind: 'context_fallback' };

export const isContextLengthFailure = (f: UpstreamFailure): boolean => f.clientError.code === 'context_length_exceeded';

/** Failures that say something about the target's health (counted by its circuit breaker). */
export function countsAgainstTarget(f: UpstreamFailure): boolean {
  switch (f.errorClass) {
    case 'rate_limited':
    case 'upstream_error':
    case 'upstream_auth':
    case 'upstream_timeout':
    case 'upstream_unavailable':
    case 'bad_upstream_response':
      return true;
    default:
      return false;
  }
}

/**
 * Classifies a failure into the executor's next step:
 * - the client's own mistakes (and a client that left) are returned at once, never retried;
 * - a context-length error moves to a target with a larger window when the route allows it;
 * - a connection that broke before any answer (a reset keep-alive socket) is retried on the same
 *   target after a short backoff: the request most likely never reached the provider;
 * - throttling and server faults the provider answered (429, 5xx) move on to the next target at
 *   once, and the target is tried again later, after `Retry-After` or an exponential backoff with
 *   full jitter, if the others fail too (so a single-target route still retries);
 * - either retry needs tries left on the target, an acceptable `Retry-After` and time left before
 *   the request's deadline;
 * - everything else (timeouts, refused connections, bad responses, rejected credentials) moves on:
 *   the same target would most likely fail the same way.
 */
export function nextStep(f: UpstreamFailure, triesOnTarget: number, policy: RetryPolicy, contextFallback: boolean, remainingMs: number, random: () => number): NextStep {
  if (isContextLengthFailure(f)) return contextFallback ? { kind: 'context_fallback' } : { kind: 'return' };
  if (f.action === 'return') return { kind: 'return' };
  const answered = f.errorClass === 'rate_limited' || (f.upstreamStatus !== undefined && f.upstreamStatus >= 500);
  const broken = f.errorClass === 'upstream_error' && f.upstreamStatus === undefined;
  if ((!answered && !broken) || triesOnTarget >= policy.attemptsPerTarget) return { kind: 'failover' };
  let delayMs: number;
  if (f.retryAfterMs !== undefined) {
    if (f.retryAfterMs > policy.maxRetryAfterMs) return { kind: 'failover' };
    delayMs = f.retryAfterMs;
  } else {
    const ceiling = Math.min(policy.backoffMaxMs, policy.backoffInitialMs * 2 ** (triesOnTarget - 1));
    delayMs = Math.floor(random() * ceiling);
  }
  if (delayMs >= remainingMs) return { kind: 'failover' };
  return answered ? { kind: 'failover_then_retry', delayMs } : { kind: 'retry', delayMs };
}
