import { abortableSleep } from './abortable-sleep.ts';
import { cutConnection } from './cut-connection.ts';
import { markHung } from './pre-response-faults.ts';
import { errorDetailOf } from './error-detail-of.ts';
import type { ErrorDetail, RequestContext } from './request-context.ts';
import { formatSseFrame, openEventStream, writeFrame } from './sse-writer.ts';

/** One server-sent event. `content` marks frames that carry generated tokens (text or tool arguments). */
export interface StreamFrame {
  data: string;
  event?: string;
  content: boolean;
}

/** Format-specific pieces of a stream; the fault behaviour around them is shared by every format. */
export interface StreamPlan {
  headers: Record<string, string>;
  frames: readonly StreamFrame[];
  /** The raw bytes sent after the first content frame when `malformed_sse` is on. */
  malformedFrame: string;
  /** The provider's in-band error event (`error_after`); absent for formats that have none. */
  inBandError?: (detail: ErrorDetail) => string;
}

/**
 * Streams `plan.frames`, honouring `token_delay_ms` (between frames), `first_token_ms` (silence between
 * the headers and the first frame), `end_delay_ms` (silence between the last frame and the end), `malformed_sse`,
 * `cut_after=N` (destroy the socket once N content frames are out), `hang_after=N`
 * (go silent once N content frames are out) and `error_after=N` (the provider's in-band error event
 * once N content frames are out, then the end). Stops quietly when the client disconnects.
 */
export async function streamFrames(ctx: RequestContext, plan: StreamPlan): Promise<void> {
  const { res, entry, directives: d } = ctx;
  entry.status = 200;
  openEventStream(res, plan.headers);
  const delayMs = d.token_delay_ms ?? 0;
  const firstTokenMs = d.first_token_ms ?? 0;
  let contentSent = 0;
  for (let i = 0; i <= plan.frames.length; i++) {
    if (d.cut_after !== undefined && contentSent >= d.cut_after) {
      await cutConnection(ctx);
      return;
    }
    if (d.hang_after !== undefined && contentSent >= d.hang_after) {
      markHung(ctx);
      return;
    }
    if (d.error_after !== undefined && contentSent >= d.error_after && plan.inBandError) {
      if (await writeFrame(res, plan.inBandError(errorDetailOf(d, ctx.req)))) res.end();
      return;
    }
    if (i === plan.frames.length) break;
    if (i === 0 && firstTokenMs > 0 && !(await abortableSleep(firstTokenMs, ctx.signal))) return;
    if (i > 0 && delayMs > 0 && !(await abortableSleep(delayMs, ctx.signal))) return;
    const frame = plan.frames[i];
    if (!(await writeFrame(res, formatSseFrame(frame.data, frame.event)))) return;
    entry.chunksSent++;
    if (!frame.content) continue;
    contentSent++;
    if (contentSent === 1 && d.malformed_sse === true && !(await writeFrame(res, plan.malformedFrame))) return;
  }
  if (d.end_delay_ms && !(await abortableSleep(d.end_delay_ms, ctx.signal))) return;
  if (!res.destroyed) res.end();
}
