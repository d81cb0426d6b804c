/**
 * One upstream attempt's cancellation: aborts when the client goes away or when the attempt's
 * total deadline passes, and remembers which of the two happened (they map to different errors).
 */
export interface AttemptDeadline {
  signal: AbortSignal;
  deadlinePassed: () => boolean;
  dispose: () => void;
}

export function attemptDeadline(client: AbortSignal, totalMs: number): AttemptDeadline {
  const ctrl = new AbortController();
  let passed = false;
  const onClientAbort = () => ctrl.abort(client.reason);
  if (client.aborted) ctrl.abort(client.reason);
  else client.addEventListener('abort', onClientAbort, { once: true });
  const timer = setTimeout(() => {
    passed = true;
    ctrl.abort(new Error(`total deadline of ${totalMs} ms passed`));
  }, totalMs);
  return {
    signal: ctrl.signal,
    deadlinePassed: () => passed,
    dispose: () => {
      clearTimeout(timer);
      client.removeEventListener('abort', onClientAbort);
    },
  };
}
