import { HttpError } from '../server/http-error.ts';
import type { UpstreamFailure } from '../upstream/upstream-failure.ts';

/** The abort reason of a request that shutdown ended: tells it apart from a client that left. */
export class ShutdownCut extends Error {
  override name = 'ShutdownCut';
}

/**
 * The cancellation handles of the data-plane requests in flight. Shutdown lets them run for its grace
 * period, then aborts the ones still running with a `ShutdownCut`, so each ends the way an upstream
 * failure ends it (an in-band error on a stream, an error answer otherwise) and is recorded.
 */
export class LiveRequests {
  private readonly live = new Set<AbortController>();

  add(c: AbortController): void {
    this.live.add(c);
  }

  delete(c: AbortController): void {
    this.live.delete(c);
  }

  get size(): number {
    return this.live.size;
  }

  /** Aborts every request in flight; returns how many. */
  cutAll(): number {
    const n = this.live.size;
    const reason = new ShutdownCut('the gateway is shutting down');
    for (const c of [...this.live]) c.abort(reason);
    return n;
  }
}

/** What a request ended by shutdown reports: a 503 the client may retry elsewhere, error class `shutdown`. */
export function shutdownFailure(): UpstreamFailure {
  return {
    errorClass: 'shutdown',
    action: 'return',
    clientError: new HttpError(503, 'server_error', 'server_shutting_down', 'the gateway is shutting down and ended this request when its shutdown grace period ran out; retry it'),
  };
}

/** The failure a request reports: `shutdownFailure()` when shutdown aborted it, whatever the attempt saw. */
export function failureOf(signal: AbortSignal, failure: UpstreamFailure): UpstreamFailure {
  return signal.reason instanceof ShutdownCut ? shutdownFailure() : failure;
}
