/** A consumer of an upstream body (`UpstreamBody.pipe`). */
export interface BodySink {
  /** The bytes of one or more upstream reads, in order. Returning false pauses delivery until `body.resume()`. */
  data(chunk: Buffer): boolean;
  /** The body is complete; called once, after the last `data`. */
  end(): void;
  /** The body failed (transport error, timeout, abort); called once, after the bytes that came before it. */
  error(err: Error): void;
}

/** What the body needs from the HTTP client: restart a paused response, or give it up. */
export interface BodyControl {
  resume(): void;
  abort(err: Error): void;
}

/** Bytes a body buffers before its consumer attaches, after which the upstream connection is paused. */
const UNCONSUMED_LIMIT = 64 * 1024;

/**
 * An upstream response body, pushed by the HTTP client's callbacks (`exchangeUpstream`) and delivered
 * to one consumer. It is the lean stand-in for a stream on the hot path:
 *
 * - Bytes pushed in the same turn of the event loop (every chunk of one socket read) reach the
 *   consumer as one buffer, one microtask later, so a relay writes them to its client in one write.
 * - A consumer that returns false from `data` is paused; the next push then pauses the upstream
 *   connection, so at most one more read is buffered while the consumer's client catches up. Before
 *   a consumer attaches, up to `UNCONSUMED_LIMIT` bytes are buffered for it.
 * - `end` and `error` come after every byte pushed before them, so a cut stream still relays
 *   (and meters) what arrived before the cut; only a consumer paused when the error comes (its
 *   client is not reading) gets the error at once, without the rest.
 */
export class UpstreamBody {
  /** True once the consumer gave the body up (`destroy`); nothing more is delivered. */
  destroyed = false;
  private readonly control: BodyControl;
  private chunks: Buffer[] = [];
  private sink: BodySink | undefined;
  private ended = false;
  private failure: Error | undefined;
  private paused = false;
  private upstreamPaused = false;
  private scheduled = false;
  /** `end` or `error` was delivered, or the body was destroyed. */
  private closed = false;

  constructor(control: BodyControl) {
    this.control = control;
  }

  // The HTTP client's side.

  /**
   * Buffers `chunk` for the consumer; false asks the HTTP client to pause the connection: the consumer
   * is paused, or has not attached yet and `UNCONSUMED_LIMIT` bytes wait for it.
   */
  push(chunk: Buffer): boolean {
    if (this.closed) return true;
    this.chunks.push(chunk);
    this.schedule();
    if (!this.paused && (this.sink !== undefined || this.bufferedBytes() < UNCONSUMED_LIMIT)) return true;
    this.upstreamPaused = true;
    return false;
  }

  finish(): void {
    this.ended = true;
    this.schedule();
  }

  fail(err: Error): void {
    this.failure ??= err;
    this.schedule();
  }

  // The consumer's side.

  /** Starts delivery to `sink` (once per body). */
  pipe(sink: BodySink): void {
    if (this.sink) throw new Error('an upstream body has one consumer');
    this.sink = sink;
    this.schedule();
  }

  /** Restarts delivery after `data` returned false. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.schedule();
  }

  /** Gives the body up: drops what is buffered and, unless the response already ended, aborts it (its connection is closed). */
  destroy(err?: Error): void {
    if (this.closed) return;
    this.closed = this.destroyed = true;
    this.chunks = [];
    if (!this.ended && !this.failure) this.control.abort(err ?? new Error('the upstream body was discarded'));
  }

  /** The whole body, failing with `ResponseTooLargeError` (and aborting the response) past `maxBytes`. */
  readAll(maxBytes: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const parts: Buffer[] = [];
      let size = 0;
      this.pipe({
        data: (chunk) => {
          size += chunk.length;
          if (size <= maxBytes) {
            parts.push(chunk);
            return true;
          }
          this.destroy();
          reject(new ResponseTooLargeError(maxBytes));
          return false;
        },
        end: () => resolve(parts.length === 1 ? parts[0] : Buffer.concat(parts, size)),
        error: reject,
      });
    });
  }

  /** `readAll` decoded as UTF-8. */
  async readText(maxBytes: number): Promise<string> {
    return (await this.readAll(maxBytes)).toString('utf8');
  }

  /**
   * The body as an async iterable of buffers (one per delivery). Up to `highWaterMark` bytes are
   * buffered ahead of the loop before the body pauses; leaving the loop early destroys the body.
   */
  [Symbol.asyncIterator](highWaterMark = 64 * 1024): AsyncIterator<Buffer> {
    const queue: Buffer[] = [];
    let queuedBytes = 0;
    let wake: (() => void) | undefined;
    let ended = false;
    let failure: Error | undefined;
    const notify = () => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    this.pipe({
      data: (chunk) => {
        queue.push(chunk);
        queuedBytes += chunk.length;
        notify();
        return queuedBytes < highWaterMark;
      },
      end: () => {
        ended = true;
        notify();
      },
      error: (err) => {
        failure = err;
        notify();
      },
    });
    return {
      next: async () => {
        while (queue.length === 0 && !ended && failure === undefined) await new Promise<void>((resolve) => (wake = resolve));
        if (queue.length > 0) {
          const chunk = queue.shift()!;
          queuedBytes -= chunk.length;
          if (queuedBytes < highWaterMark) this.resume();
          return { value: chunk, done: false };
        }
        if (failure !== undefined) throw failure;
        return { value: undefined, done: true };
      },
      return: () => {
        this.destroy();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }

  private bufferedBytes(): number {
    let n = 0;
    for (const c of this.chunks) n += c.length;
    return n;
  }

  private schedule(): void {
    if (this.scheduled || this.sink === undefined || this.closed || (this.paused && this.failure === undefined)) return;
    this.scheduled = true;
    queueMicrotask(this.deliver);
  }

  private readonly deliver = (): void => {
    this.scheduled = false;
    const sink = this.sink;
    if (sink === undefined || this.closed) return;
    if (!this.paused && this.chunks.length > 0) {
      const chunk = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      this.chunks.length = 0;
      if (!sink.data(chunk)) this.paused = true;
      if (this.closed) return; // the consumer destroyed the body
    }
    // A failure does not wait for a paused consumer (its client may never drain): what is still
    // buffered is dropped, as a stream's `destroy(err)` would.
    if (this.failure !== undefined) {
      this.closed = true;
      this.chunks = [];
      sink.error(this.failure);
      return;
    }
    if (this.paused) return; // the end waits until the consumer resumes
    if (this.upstreamPaused) {
      this.upstreamPaused = false;
      this.control.resume();
    }
    if (this.ended) {
      this.closed = true;
      sink.end();
    }
  };
}

export class ResponseTooLargeError extends Error {
  override name = 'ResponseTooLargeError';
  constructor(max: number) {
    super(`upstream response larger than ${max} bytes`);
  }
}
