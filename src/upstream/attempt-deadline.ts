import type { UpstreamTimeouts } from '../config/types.ts';

/** What an attempt runs with: its cancellation signal and its target's timeouts. */
export interface AttemptIO {
  /** Aborted when the client leaves or another attempt won the race. */
  signal: AbortSignal;
  /** The target's timeouts, `totalMs` already capped by what is left of the request's deadline. */
  timeouts: UpstreamTimeouts;
  /** True when `totalMs` is what was left of the route's `deadline_ms` rather than the target's `total_ms`. */
  totalIsRequestDeadline?: boolean;
}

/**
 * One upstream attempt's cancellation: aborts when the attempt's signal fires or when its total
 * deadline passes, and remembers which of the two happened (they map to different errors).
 */
export interface AttemptDeadline {
  signal: AbortSignal;
  timeouts: UpstreamTimeouts;
  deadlinePassed: () => boolean;
  /** The classifier's view: did the client (or the race) end this attempt, or its deadline? */
  signals: { clientGone: () => boolean; deadlinePassed: () => boolean; totalIsRequestDeadline?: boolean };
  dispose: () => void;
}

export function attemptDeadline(io: AttemptIO): AttemptDeadline {
  const outer = io.signal;
  const ctrl = new AbortController();
  let passed = false;
  const onOuterAbort = () => ctrl.abort(outer.reason);
  if (outer.aborted) ctrl.abort(outer.reason);
  else outer.addEventListener('abort', onOuterAbort, { once: true });
  const totalMs = io.timeouts.totalMs;
  const timer = setTimeout(() => {
    passed = true;
    ctrl.abort(new Error(`total deadline of ${totalMs} ms passed`));
  }, totalMs);
  const deadlinePassed = () => passed;
  return {
    signal: ctrl.signal,
    timeouts: io.timeouts,
    deadlinePassed,
    signals: { clientGone: () => outer.aborted, deadlinePassed, totalIsRequestDeadline: io.totalIsRequestDeadline },
    dispose: () => {
      clearTimeout(timer);
      outer.removeEventListener('abort', onOuterAbort);
    },
  };
}
