import { crc32 } from './crc32.ts';
import { decodeEventStreamHeaders } from './decode-event-stream-headers.ts';
import { EventStreamError } from './event-stream-error.ts';
import { FRAME_OVERHEAD_BYTES, PRELUDE_BYTES, type EventStreamMessage } from './event-stream-types.ts';

/** Largest message accepted by default: the format's own ceiling (16 MiB payload plus 128 KiB headers). */
export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024 + 128 * 1024 + FRAME_OVERHEAD_BYTES;
const MAX_HEADERS_BYTES = 128 * 1024;

/**
 * Incremental decoder for `application/vnd.amazon.eventstream` bodies. Bytes may arrive split at
 * any boundary; each `push` returns the messages completed so far. Both CRCs are checked and
 * lengths are bounded before anything is buffered, so a corrupt prelude cannot make it wait for
 * (or allocate) gigabytes. After the first error it refuses further input.
 * https://docs.aws.amazon.com/transcribe/latest/dg/streaming-setting-up.html#streaming-event-stream
 */
export class EventStreamDecoder {
  readonly maxMessageBytes: number;
  #chunks: Buffer[] = [];
  #buffered = 0;
  #expected: number | undefined;
  #failed: EventStreamError | undefined;

  constructor(opts: { maxMessageBytes?: number } = {}) {
    this.maxMessageBytes = opts.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  }

  push(chunk: Uint8Array): EventStreamMessage[] {
    if (this.#failed) throw this.#failed;
    if (chunk.length > 0) {
      this.#chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
      this.#buffered += chunk.length;
    }
    const out: EventStreamMessage[] = [];
    try {
      for (;;) {
        if (this.#expected === undefined) {
          if (this.#buffered < PRELUDE_BYTES) break;
          this.#expected = this.#checkPrelude(this.#front(PRELUDE_BYTES));
        }
        if (this.#buffered < this.#expected) break;
        const frame = this.#take(this.#expected);
        this.#expected = undefined;
        out.push(parseFrame(frame));
      }
    } catch (err) {
      this.#failed = err instanceof EventStreamError ? err : new EventStreamError('bad_header', (err as Error).message);
      this.#chunks = [];
      this.#buffered = 0;
      throw this.#failed;
    }
    return out;
  }

  /** Call when the body ends: throws (truncated) when a message was only partly received. */
  end(): void {
    if (this.#failed) throw this.#failed;
    if (this.#buffered > 0) {
      const of = this.#expected === undefined ? 'a message prelude' : `a ${this.#expected}-byte message`;
      throw (this.#failed = new EventStreamError('truncated', `stream ended after ${this.#buffered} bytes of ${of}`));
    }
  }

  #checkPrelude(prelude: Buffer): number {
    const total = prelude.readUInt32BE(0);
    const headers = prelude.readUInt32BE(4);
    const expectedCrc = prelude.readUInt32BE(8);
    if (crc32(prelude.subarray(0, 8)) !== expectedCrc) throw new EventStreamError('bad_prelude_crc', 'message prelude checksum mismatch');
    if (total < FRAME_OVERHEAD_BYTES) throw new EventStreamError('bad_length', `message length ${total} is below the 16-byte minimum`);
    if (total > this.maxMessageBytes) throw new EventStreamError('too_large', `message length ${total} exceeds the ${this.maxMessageBytes}-byte limit`);
    if (headers > total - FRAME_OVERHEAD_BYTES || headers > MAX_HEADERS_BYTES) {
      throw new EventStreamError('bad_length', `headers length ${headers} does not fit a ${total}-byte message`);
    }
    return total;
  }

  #front(n: number): Buffer {
    if (this.#chunks[0].length < n) this.#chunks = [Buffer.concat(this.#chunks, this.#buffered)];
    return this.#chunks[0].subarray(0, n);
  }

  #take(n: number): Buffer {
    const first = this.#front(n);
    const head = this.#chunks[0];
    if (head.length === n) this.#chunks.shift();
    else this.#chunks[0] = head.subarray(n);
    this.#buffered -= n;
    return first;
  }
}

function parseFrame(frame: Buffer): EventStreamMessage {
  const total = frame.length;
  const expectedCrc = frame.readUInt32BE(total - 4);
  if (crc32(frame.subarray(0, total - 4)) !== expectedCrc) throw new EventStreamError('bad_message_crc', 'message checksum mismatch');
  const headersLength = frame.readUInt32BE(4);
  const headersEnd = PRELUDE_BYTES + headersLength;
  return {
    headers: decodeEventStreamHeaders(frame.subarray(PRELUDE_BYTES, headersEnd)),
    payload: frame.subarray(headersEnd, total - 4),
  };
}
