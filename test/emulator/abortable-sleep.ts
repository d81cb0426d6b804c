import { setTimeout as delay } from 'node:timers/promises';

/** Waits `ms`; resolves false instead of throwing when `signal` aborts first. */
export async function abortableSleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false;
  if (!(ms > 0)) return true;
  try {
    await delay(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

/** Resolves once `signal` aborts; used to hold a hung request open without a timer. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
