import type { ServerResponse } from 'node:http';
import { abortableSleep } from '../abortable-sleep.ts';
import { cutConnection } from '../cut-connection.ts';
import { markHung } from '../pre-response-faults.ts';
import type { RequestContext } from '../request-context.ts';

/** One binary message of a stream; `content` marks frames that carry generated tokens. */
export interface BinaryFrame {
  bytes: Buffer;
  content: boolean;
}

/**
 * Streams binary frames with the same fault semantics as the shared SSE `streamFrames`:
 * `token_delay_ms` between frames, `first_token_ms` between the headers and the first frame,
 * `malformed_sse` (the `malformed` bytes after the first content frame), `cut_after=N` (destroy the socket once N content frames are out), `hang_after=N`
 * (go silent) and `error_after=N` (the `inBandError` message once N content frames are out, then the end).
 * Stops quietly when the client disconnects.
 */
export async function writeBinaryFrames(ctx: RequestContext, headers: Record<string, string>, frames: readonly BinaryFrame[], malformed: Buffer, inBandError?: Buffer): Promise<void> {
  const { res, entry, directives: d } = ctx;
  entry.status = 200;
  if (res.destroyed || res.headersSent) return;
  res.writeHead(200, headers);
  res.flushHeaders();
  const delayMs = d.token_delay_ms ?? 0;
  const firstTokenMs = d.first_token_ms ?? 0;
  let contentSent = 0;
  for (let i = 0; i <= frames.length; i++) {
    if (d.cut_after !== undefined && contentSent >= d.cut_after) return cutConnection(ctx);
    if (d.hang_after !== undefined && contentSent >= d.hang_after) return markHung(ctx);
    if (d.error_after !== undefined && contentSent >= d.error_after && inBandError) {
      if (await write(res, inBandError)) res.end();
      return;
    }
    if (i === frames.length) break;
    if (i === 0 && firstTokenMs > 0 && !(await abortableSleep(firstTokenMs, ctx.signal))) return;
    if (i > 0 && delayMs > 0 && !(await abortableSleep(delayMs, ctx.signal))) return;
    const frame = frames[i];
    if (!(await write(res, frame.bytes))) return;
    entry.chunksSent++;
    if (!frame.content) continue;
    contentSent++;
    if (contentSent === 1 && d.malformed_sse === true && !(await write(res, malformed))) return;
  }
  if (!res.destroyed) res.end();
}

function write(res: ServerResponse, bytes: Buffer): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return Promise.resolve(false);
  if (res.write(bytes)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const settle = (ok: boolean): void => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = (): void => settle(true);
    const onClose = (): void => settle(false);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}
