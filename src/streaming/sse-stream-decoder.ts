import type { StreamEvent } from '../canonical/stream-event.ts';
import { UpstreamProtocolError, type StreamDecoder } from '../providers/provider-adapter.ts';
import { SseFormatError, SseParser, type SseEvent } from './sse-parser.ts';

/**
 * The shared half of every SSE-based provider stream decoder: feeds bytes to an `SseParser`,
 * hands each event to the provider's `onEvent`, which appends canonical events to `out`, and
 * turns framing errors into `malformed` and an early end into `cut`. A failure found in the middle
 * of a chunk is held back until the next call, so the events decoded before it still reach the client.
 */
export abstract class SseStreamDecoder implements StreamDecoder {
  protected out: StreamEvent[] = [];
  private failure?: unknown;
  private readonly parser = new SseParser((e) => this.onEvent(e));

  /** Decodes one provider event; throws `UpstreamProtocolError` on bad data or an in-band error. */
  protected abstract onEvent(e: SseEvent): void;
  /** True once the provider's final event has arrived. */
  protected abstract complete(): boolean;
  /** The `cut` message when the body ends between events before the final one, e.g. "ended the stream before message_stop". */
  protected abstract readonly cutMessage: string;

  push(chunk: Buffer): StreamEvent[] {
    return this.run(() => this.parser.push(chunk), true);
  }

  end(): StreamEvent[] {
    return this.run(() => {
      const partial = this.parser.end();
      if (!this.complete()) throw new UpstreamProtocolError('cut', partial ? 'ended the stream in the middle of an event' : this.cutMessage);
    }, false);
  }

  private run(step: () => void, deferFailure: boolean): StreamEvent[] {
    if (this.failure !== undefined) throw this.failure;
    try {
      step();
    } catch (err) {
      this.failure = err instanceof SseFormatError ? new UpstreamProtocolError('malformed', `sent a malformed event stream (${err.message})`) : err;
      if (!deferFailure || this.out.length === 0) throw this.failure;
    }
    const events = this.out;
    this.out = [];
    return events;
  }
}
