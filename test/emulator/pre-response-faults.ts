import { abortableSleep, untilAborted } from './abortable-sleep.ts';
import { cutConnection } from './cut-connection.ts';
import { errorDetailOf } from './error-detail-of.ts';
import type { RequestContext, WireFormat } from './request-context.ts';

const DEFAULT_FAIL_STATUS = 503;

/**
 * Applies the faults that act before any response byte, in this order: `latency_ms`,
 * `hang`, `reset`, `status`, `fail_rate`. Resolves true when the request was fully dealt with
 * (error sent, connection destroyed, hung until the client left, or the client left during the latency).
 */
export async function applyPreResponseFaults(ctx: RequestContext, format: WireFormat): Promise<boolean> {
  const d = ctx.directives;
  if (d.latency_ms !== undefined && d.latency_ms > 0) {
    if (!(await abortableSleep(d.latency_ms, ctx.signal))) return true;
  }
  if (d.hang === true) {
    markHung(ctx);
    await untilAborted(ctx.signal);
    return true;
  }
  if (d.reset === true) {
    await cutConnection(ctx);
    return true;
  }
  if (d.status !== undefined && d.status >= 400 && d.status <= 599) {
    format.sendError(ctx, Math.floor(d.status), errorDetailOf(d, ctx.req));
    return true;
  }
  if (d.fail_rate !== undefined && d.fail_rate > 0 && ctx.random() < d.fail_rate) {
    format.sendError(ctx, failStatus(d.fail_status), {});
    return true;
  }
  return false;
}

function failStatus(status: number | undefined): number {
  return status !== undefined && status >= 400 && status <= 599 ? Math.floor(status) : DEFAULT_FAIL_STATUS;
}

/** Records that the emulator is deliberately silent on this request. */
export function markHung(ctx: RequestContext): void {
  if (ctx.entry.outcome !== 'pending') return;
  ctx.entry.outcome = 'hung';
  ctx.log.changed(ctx.entry);
}
