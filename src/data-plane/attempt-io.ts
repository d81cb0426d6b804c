import type { AttemptHandle } from '../router/execute-targets.ts';
import type { AttemptIO } from '../upstream/attempt-deadline.ts';

/** The attempt's signal and its target's timeouts, the total capped by what is left of the request's deadline. */
export function attemptIO(h: AttemptHandle): AttemptIO {
  const t = h.target.timeouts;
  if (h.remainingMs >= t.totalMs) return { signal: h.signal, timeouts: t };
  return { signal: h.signal, timeouts: { ...t, totalMs: h.remainingMs }, totalIsRequestDeadline: true };
}
