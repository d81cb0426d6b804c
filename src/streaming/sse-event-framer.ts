/**
 * Splits a server-sent-events byte stream into complete events by byte offset, without decoding,
 * so a relay can forward the upstream's own bytes and look inside only the events it must.
 * An event ends at a blank line; lines end in LF, CRLF or CR (also when CRLF spans two chunks).
 * LF and CR never occur inside a UTF-8 multi-byte sequence, so byte scanning is safe; line ends
 * are found with native `indexOf`, not a per-byte loop.
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream
 */
export class SseEventFramer {
  private pending: Buffer | undefined;
  /** The previous chunk ended in CR: an LF at the start of the next one belongs to it. */
  private lastWasCr = false;
  /** Bytes of the current line seen in earlier chunks. */
  private carriedLine = 0;
  private readonly maxEventBytes: number;

  constructor(maxEventBytes = 8 * 1024 * 1024) {
    this.maxEventBytes = maxEventBytes;
  }

  /**
   * Adds a chunk and reports each complete event as `[start, end)` of the returned buffer.
   * Returns the buffer the offsets refer to and the offset where complete events stop;
   * bytes after it are kept for the next chunk.
   */
  push(chunk: Buffer, onEvent: (buf: Buffer, start: number, end: number) => void): { buf: Buffer; complete: number } {
    const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    let i = this.pending ? this.pending.length : 0;
    let eventStart = 0;
    if (this.lastWasCr && buf[i] === 0x0a) {
      if (i === eventStart) eventStart = 1;
      i++;
    }
    this.lastWasCr = false;
    let nextLf = buf.indexOf(0x0a, i);
    let nextCr = buf.indexOf(0x0d, i);
    while (nextLf !== -1 || nextCr !== -1) {
      const at = nextCr === -1 || (nextLf !== -1 && nextLf < nextCr) ? nextLf : nextCr;
      let end = at + 1;
      if (buf[at] === 0x0d) {
        if (end === buf.length) this.lastWasCr = true;
        else if (buf[end] === 0x0a) end++;
      }
      const blank = at - i + this.carriedLine === 0;
      this.carriedLine = 0;
      if (blank) {
        if (at > eventStart) onEvent(buf, eventStart, end);
        eventStart = end;
      }
      i = end;
      if (nextLf !== -1 && nextLf < i) nextLf = buf.indexOf(0x0a, i);
      if (nextCr !== -1 && nextCr < i) nextCr = buf.indexOf(0x0d, i);
    }
    this.carriedLine += buf.length - i;
    this.pending = eventStart < buf.length ? Buffer.from(buf.subarray(eventStart)) : undefined;
    if (this.pending && this.pending.length > this.maxEventBytes) throw new Error(`event-stream event larger than ${this.maxEventBytes} bytes`);
    return { buf, complete: eventStart };
  }

  /** True when the stream stopped inside an event (bytes after the last blank line). */
  hasPartialEvent(): boolean {
    if (!this.pending) return false;
    for (const b of this.pending) if (b !== 0x0a && b !== 0x0d) return true;
    return false;
  }
}
