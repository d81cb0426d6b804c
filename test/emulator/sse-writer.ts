import type { ServerResponse } from 'node:http';

const LINE_BREAK = /\r\n|\r|\n/;
const WRITTEN: Promise<boolean> = Promise.resolve(true);
const GONE: Promise<boolean> = Promise.resolve(false);

/**
 * Frames one server-sent event per the WHATWG spec: an optional `event:` line, one `data:`
 * line per line of `data`, then a blank line.
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export function formatSseFrame(data: string, event?: string): string {
  const head = event === undefined ? '' : `event: ${event}\n`;
  if (!data.includes('\n') && !data.includes('\r')) return `${head}data: ${data}\n\n`;
  let out = head;
  for (const line of data.split(LINE_BREAK)) out += `data: ${line}\n`;
  return `${out}\n`;
}

/**
 * Writes already-framed bytes, waiting for 'drain' when the socket buffer is full.
 * Resolves false (never throws) once the client has gone away, so callers just stop.
 */
export function writeFrame(res: ServerResponse, frame: string): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return GONE;
  let flushed: boolean;
  try {
    flushed = res.write(frame);
  } catch {
    return GONE;
  }
  if (flushed) return WRITTEN;
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

/** Sends the response headers that open an event stream and flushes them immediately. */
export function openEventStream(res: ServerResponse, headers: Record<string, string>): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    ...headers,
  });
  res.flushHeaders();
}
