import type { HealthCheckConfig } from '../config/types.ts';
import type { Logger } from '../observability/logger.ts';
import type { AttemptTicket, TargetHealth } from './target-health.ts';

export interface HealthCheckOptions {
  health: TargetHealth;
  /** Read on every tick, so a reload that changes or turns off checks applies without a restart. */
  config: () => HealthCheckConfig;
  /**
   * Sends a minimal request to the target (`provider/model`); true when it answered well. It should stop
   * when `signal` aborts (timeout or shutdown); its answer is ignored after that anyway.
   */
  probe: (key: string, signal: AbortSignal) => Promise<boolean>;
  log: Logger;
  /** Checks at once, across targets. Default 4. */
  concurrency?: number;
  /** While checks are off (`intervalMs: 0`), how often to look whether a reload turned them on. Default 5 s. */
  offRecheckMs?: number;
}

export interface HealthChecks {
  /** Stops the timer and aborts running checks; their probes end neutrally (the breakers stay as they were). */
  stop(): void;
}

const STOPPED = new Error('health checks stopped');

/**
 * Active health checks: every `intervalMs`, probes the targets whose breaker is open, without waiting
 * for their half-open time, so a recovered provider gets traffic back sooner. A passing check closes the
 * breaker; a failing one re-opens it for a doubled time, as a failed half-open probe would. Each target
 * has at most one probe at a time (checks take the breaker's probe slot), and the next round starts only
 * after this one ends.
 */
export function startHealthChecks(o: HealthCheckOptions): HealthChecks {
  const running = new Set<AbortController>();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    const interval = o.config().intervalMs;
    timer = setTimeout(tick, interval > 0 ? interval : (o.offRecheckMs ?? 5_000));
    timer.unref();
  };
  const tick = async () => {
    const config = o.config();
    if (config.intervalMs > 0) {
      try {
        await checkRound(o, config.timeoutMs, running, () => stopped);
      } catch (err) {
        o.log.error('health check round failed', { error: err });
      }
    }
    schedule();
  };
  schedule();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      for (const c of running) c.abort(STOPPED);
    },
  };
}

async function checkRound(o: HealthCheckOptions, timeoutMs: number, running: Set<AbortController>, stopped: () => boolean): Promise<void> {
  const keys = o.health.probeCandidates();
  let next = 0;
  const worker = async () => {
    while (next < keys.length && !stopped()) {
      const key = keys[next++];
      const ticket = o.health.beginHealthCheck(key);
      if (ticket) await checkTarget(o, key, ticket, timeoutMs, running);
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency ?? 4, keys.length) }, worker));
}

async function checkTarget(o: HealthCheckOptions, key: string, ticket: AttemptTicket, timeoutMs: number, running: Set<AbortController>): Promise<void> {
  const controller = new AbortController();
  running.add(controller);
  const timer = setTimeout(() => controller.abort(new Error(`no answer within ${timeoutMs} ms (routing.health_checks.timeout_ms)`)), timeoutMs);
  timer.unref();
  const t0 = performance.now();
  try {
    const ok = await Promise.race([o.probe(key, controller.signal), rejectOnAbort(controller.signal)]);
    if (ok) {
      ticket.succeeded({ latencyMs: performance.now() - t0 });
      o.log.info('health check passed: target back in rotation', { target: key });
    } else {
      ticket.failed('health_check');
      o.log.debug('health check failed: target stays out of rotation', { target: key });
    }
  } catch (err) {
    if (controller.signal.reason === STOPPED) {
      ticket.released();
      return;
    }
    ticket.failed('health_check');
    o.log.debug('health check failed: target stays out of rotation', { target: key, error: err instanceof Error ? err.message : String(err) });
  } finally {
    clearTimeout(timer);
    running.delete(controller);
  }
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
}
