import type { Logger } from '../observability/logger.ts';

/** The part of `process` the safety net uses, so a test can hand in an emitter of its own. */
export interface RejectionSource {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/**
 * A process-level safety net for `switchyard start`: a promise rejection nobody handled is logged
 * (through the redacting logger) and the gateway keeps serving. Without a listener Node turns it
 * into an exit, so one request hitting an unforeseen bug would stop every other request in flight.
 * Every request path already ends its own failures (`handleDataPlane` never rejects); this only
 * catches what a future bug lets through, and the error log makes that bug visible.
 * `uncaughtException` is deliberately not caught: a synchronous throw can leave shared state
 * half-updated, and a supervisor restarting the process is safer than serving on from it.
 * Returns the function that removes the net.
 */
export function keepServingOnRejection(source: RejectionSource, log: Logger): () => void {
  const onRejection = (reason: unknown) => log.error('unhandled promise rejection; the gateway keeps serving (please report this bug)', { error: reason });
  source.on('unhandledRejection', onRejection);
  return () => source.off('unhandledRejection', onRejection);
}
