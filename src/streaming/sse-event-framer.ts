/** One complete event: `[start, end)` of `buf`; see `SseEventFramer.push`. */
export type EventCallback = (buf: Buffer, start: number, end: number, text: string, lfOnly: boolean, lines: number) => void;

/**
 * Splits a server-sent-events byte stream into complete events by byte offset, without decoding,
 * so a relay can forward the upstream's own bytes and look inside only the events it must.
 * An event ends at a blank line; lines end in LF, CRLF or CR (also when CRLF spans two chunks).
 * LF and CR never occur inside a UTF-8 multi-byte sequence, so byte scanning is safe. Each read is
 * copied once to a latin1 string (one character per byte, so string offsets are byte offsets): line
 * ends are found with V8's string search instead of a native call per line, and the callback gets
 * the same string to inspect events without copying them again.
 * https://html.spec.whatwg.org/multipage/server-sent-events.html#parsing-an-event-stream
 */
export class SseEventFramer {
  private pending: Buffer | undefined;
  /**
   * Chunks after `pending` that cannot end an event (no blank line in them), kept aside once the
   * unfinished event is large: joining and re-reading it on every chunk would cost quadratic time
   * in the event's size, so a hostile upstream could stall the process with one endless event.
   * They are read, once, with the chunk that may end the event.
   */
  private tail: Buffer[] = [];
  private tailBytes = 0;
  /** The last byte of `pending` and `tail`, to find a blank line that spans two chunks. */
  private lastByte = -1;
  /** The previous chunk ended in CR: an LF at the start of the next one belongs to it. */
  private lastWasCr = false;
  /** Bytes of the current line seen in earlier chunks. */
  private carriedLine = 0;
  /** Non-blank lines of the current event seen so far (also in earlier chunks). */
  private eventLines = 0;
  private readonly maxEventBytes: number;
  private readonly setAsideFrom: number;

  /** `setAsideFrom`: the unfinished-event size from which chunks that cannot end it are set aside (see `tail`). */
  constructor(maxEventBytes = 8 * 1024 * 1024, setAsideFrom = 64 * 1024) {
    this.maxEventBytes = maxEventBytes;
    this.setAsideFrom = setAsideFrom;
  }

  /**
   * Adds a chunk and reports each complete event as `[start, end)` of the returned buffer, with
   * `text`, the buffer as latin1; `lfOnly`, true when the buffer holds no CR (so a search for LF
   * alone finds every line end); and `lines`, the event's non-blank lines (1 for the common
   * single `data:` line). Returns the buffer the offsets refer to and the offset where complete
   * events stop; bytes after it are kept for the next chunk.
   */
  push(chunk: Buffer, onEvent: EventCallback): { buf: Buffer; complete: number } {
    if (this.pending && this.pending.length + this.tailBytes >= this.setAsideFrom && chunk.length > 0 && !mayEndEvent(this.lastByte, chunk)) {
      this.tail.push(chunk);
      this.tailBytes += chunk.length;
      this.lastByte = chunk[chunk.length - 1];
      if (this.pending.length + this.tailBytes > this.maxEventBytes) throw new Error(`event-stream event larger than ${this.maxEventBytes} bytes`);
      return { buf: chunk, complete: 0 };
    }
    const buf = this.pending ? Buffer.concat(this.tail.length > 0 ? [this.pending, ...this.tail, chunk] : [this.pending, chunk]) : chunk;
    this.tail = [];
    this.tailBytes = 0;
    const text = buf.toString('latin1');
    let i = this.pending ? this.pending.length : 0;
    let eventStart = 0;
    if (this.lastWasCr && buf[i] === 0x0a) {
      if (i === eventStart) eventStart = 1;
      i++;
    }
    this.lastWasCr = false;
    const crFrom = text.indexOf('\r', i);
    const lfOnly = crFrom === -1 && (i === 0 || !text.slice(0, i).includes('\r'));
    if (crFrom === -1) eventStart = this.framePlainLf(buf, text, i, eventStart, lfOnly, onEvent);
    else eventStart = this.frameAnyEndings(buf, text, i, eventStart, crFrom, onEvent);
    this.pending = eventStart < buf.length ? Buffer.from(buf.subarray(eventStart)) : undefined;
    this.lastByte = buf.length > 0 ? buf[buf.length - 1] : -1;
    if (this.pending && this.pending.length > this.maxEventBytes) throw new Error(`event-stream event larger than ${this.maxEventBytes} bytes`);
    return { buf, complete: eventStart };
  }

  /**
   * Frames from `i` on when no CR follows it: one search per line, and a blank line right after
   * a line end is seen by peeking at the next byte, so a one-line event costs a single search.
   * Returns where complete events stop.
   */
  private framePlainLf(buf: Buffer, text: string, i: number, eventStart: number, lfOnly: boolean, onEvent: EventCallback): number {
    let lf = text.indexOf('\n', i);
    while (lf !== -1) {
      if (lf - i + this.carriedLine === 0) {
        if (lf > eventStart) onEvent(buf, eventStart, lf + 1, text, lfOnly, this.eventLines);
        eventStart = lf + 1;
        this.eventLines = 0;
      } else {
        this.eventLines++;
      }
      this.carriedLine = 0;
      i = lf + 1;
      lf = text.charCodeAt(i) === 0x0a ? i : text.indexOf('\n', i);
    }
    this.carriedLine += buf.length - i;
    return eventStart;
  }

  /** Frames from `i` on when lines may end in CR or CRLF too (`nextCr`: the first CR at or after `i`). */
  private frameAnyEndings(buf: Buffer, text: string, i: number, eventStart: number, nextCr: number, onEvent: EventCallback): number {
    let nextLf = text.indexOf('\n', i);
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
        if (at > eventStart) onEvent(buf, eventStart, end, text, false, this.eventLines);
        eventStart = end;
        this.eventLines = 0;
      } else {
        this.eventLines++;
      }
      i = end;
      if (nextLf !== -1 && nextLf < i) nextLf = text.indexOf('\n', i);
      if (nextCr !== -1 && nextCr < i) nextCr = text.indexOf('\r', i);
    }
    this.carriedLine += buf.length - i;
    return eventStart;
  }

  /** True when the stream stopped inside an event (bytes after the last blank line). */
  hasPartialEvent(): boolean {
    if (!this.pending) return false;
    if (this.tailBytes > 0) return true;
    for (const b of this.pending) if (b !== 0x0a && b !== 0x0d) return true;
    return false;
  }
}

const LF_LF = Buffer.from('\n\n');
const CR_CR = Buffer.from('\r\r');
const LF_CR = Buffer.from('\n\r');

/**
 * Whether `chunk`, read after a byte `prev`, may hold a blank line (the end of an event): two line
 * ends in a row, except CR LF, which is one. Line ends are LF, CR or CR LF.
 */
function mayEndEvent(prev: number, chunk: Buffer): boolean {
  const first = chunk[0];
  if ((prev === 0x0a || prev === 0x0d) && (first === 0x0a || first === 0x0d) && !(prev === 0x0d && first === 0x0a)) return true;
  return chunk.includes(LF_LF) || chunk.includes(CR_CR) || chunk.includes(LF_CR);
}
