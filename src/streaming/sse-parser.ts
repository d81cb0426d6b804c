/** One dispatched server-sent event. `event` is absent when the stream did not name it. */
export interface SseEvent {
  event?: string;
  data: string;
  id?: string;
}

/**
 * Incremental server-sent-events parser following the WHATWG event-stream rules:
 * lines end in CRLF, LF or CR; `:` starts a comment; `data` lines accumulate joined by LF;
 * a blank line dispatches. Bytes are decoded as a UTF-8 stream, so a multi-byte character split
 * across network chunks stays intact. https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export class SseParser {
  private readonly decoder = new TextDecoder('utf-8');
  private buffer = '';
  private data: string[] = [];
  private event?: string;
  private id?: string;
  private sawCr = false;
  /** Characters of `data` in the current event, bounded like a line (an event of endless `data:` lines is as hostile as one endless line). */
  private dataLength = 0;
  private readonly onEvent: (e: SseEvent) => void;
  /** Characters of the current unfinished line, and of one event's data; bounded so a peer cannot make us buffer forever. */
  private readonly maxLineLength: number;

  constructor(onEvent: (e: SseEvent) => void, maxLineLength = 8 * 1024 * 1024) {
    this.onEvent = onEvent;
    this.maxLineLength = maxLineLength;
  }

  push(chunk: Uint8Array | string): void {
    let text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    if (this.sawCr && text.startsWith('\n')) text = text.slice(1);
    this.sawCr = false;
    // The unfinished line held from earlier chunks has no line end, so only the new text is scanned; text
    // without one only extends that line, appended without a scan (one endless line costs linear time).
    const from = this.buffer.length;
    this.buffer += text;
    if (text.indexOf('\n') === -1 && text.indexOf('\r') === -1) {
      if (this.buffer.length > this.maxLineLength) throw new SseFormatError(`event-stream line longer than ${this.maxLineLength} characters`);
      return;
    }
    let start = 0;
    const buf = this.buffer;
    for (let i = from; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.line(buf.slice(start, i));
      if (c === 13) {
        if (i + 1 < buf.length) {
          if (buf.charCodeAt(i + 1) === 10) i++;
        } else {
          this.sawCr = true;
        }
      }
      start = i + 1;
    }
    this.buffer = start === 0 ? buf : buf.slice(start);
    if (this.buffer.length > this.maxLineLength) throw new SseFormatError(`event-stream line longer than ${this.maxLineLength} characters`);
  }

  /** Call at end of stream: returns true when the stream stopped in the middle of an event. */
  end(): boolean {
    const tail = this.decoder.decode();
    if (tail) this.push(tail);
    return this.buffer.length > 0 || this.data.length > 0;
  }

  private line(line: string): void {
    if (line.length === 0) {
      if (this.data.length > 0) {
        const e: SseEvent = { data: this.data.length === 1 ? this.data[0] : this.data.join('\n') };
        if (this.event !== undefined) e.event = this.event;
        if (this.id !== undefined) e.id = this.id;
        this.onEvent(e);
      }
      this.data = [];
      this.dataLength = 0;
      this.event = undefined;
      return;
    }
    if (line.charCodeAt(0) === 58) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') {
      this.dataLength += value.length + 1;
      if (this.dataLength > this.maxLineLength) throw new SseFormatError(`event-stream event data longer than ${this.maxLineLength} characters`);
      this.data.push(value);
    }
    else if (field === 'event') this.event = value;
    else if (field === 'id' && !value.includes('\0')) this.id = value;
  }
}

export class SseFormatError extends Error {
  override name = 'SseFormatError';
}
