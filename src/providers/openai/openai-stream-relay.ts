import type { ServerResponse } from 'node:http';
import type { Usage } from '../../canonical/usage.ts';
import type { UpstreamBody } from '../../upstream/upstream-body.ts';
import { SseEventFramer } from '../../streaming/sse-event-framer.ts';
import { eventDataText, singleDataLatin1 } from '../../streaming/sse-event-data.ts';
import { ContentEventTemplate } from './content-event-template.ts';
import { mapOpenAIUsage, type OpenAIUsage } from './map-openai-usage.ts';

/** How a relayed stream ended. Only `done` is a clean finish. */
/** `lost`: another attempt claimed the response first (hedging), so nothing was written. */
export type StreamOutcome = 'done' | 'cut' | 'malformed' | 'upstream_error' | 'client_gone' | 'transport_error' | 'lost';

export interface RelayResult {
  outcome: StreamOutcome;
  /** True once any byte went to the client: from then on the attempt cannot fail over. */
  committed: boolean;
  usage?: Usage;
  /** Content-bearing chunks seen: the output-token estimate when the stream never reported usage. */
  deltaChunks: number;
  firstTokenAt?: number;
  upstreamModel?: string;
  detail?: string;
  /** The upstream's in-band error object, when it sent one. */
  upstreamError?: unknown;
  transportError?: unknown;
}

export interface RelayOptions {
  /** Whether the client asked for `stream_options.include_usage`; if not, the usage-only chunk is not forwarded. */
  clientWantsUsage: boolean;
  /** Called once, right before the first byte is written, to claim the response and send status and headers; false: another attempt has it. */
  commit: () => boolean;
  /**
   * Called once, in the same tick the `[DONE]` event was written, so the caller can end the response
   * in the same socket write: the client sees its stream end at once, without a second wake-up.
   * After it, a closed or ended response is not a client that left.
   */
  onDone?: (r: RelayResult) => void;
}

interface ChunkShape {
  model?: unknown;
  usage?: OpenAIUsage | null;
  error?: unknown;
  choices?: unknown[];
}

const CONTENT = 'content":"';

type Verdict = 'forward' | 'drop' | 'stop';

/**
 * Relays an OpenAI chat-completions event stream from the upstream to the client, forwarding the
 * upstream's own bytes event by event. Each event is only searched (on a latin1 copy, no JSON) unless
 * it may carry usage, an error, or is the first one; those few are parsed. A token event that is the
 * last inspected one's bytes around another plain text (`ContentEventTemplate`) is not searched at
 * all: its shape is already known. An event that is not a
 * JSON object, an in-band error, or a stream that stops before `[DONE]` ends the relay with that
 * outcome, never as a clean finish.
 */
export function relayOpenAIStream(body: UpstreamBody, res: ServerResponse, opts: RelayOptions): Promise<RelayResult> {
  const r: RelayResult = { outcome: 'cut', committed: false, deltaChunks: 0 };
  const framer = new SseEventFramer();
  let stopped = false;
  let finished = false;

  const template = new ContentEventTemplate();

  const inspect = (buf: Buffer, s: number, e: number, text: string, lfOnly: boolean, lines: number): Verdict => {
    if (lines === 1 && lfOnly && template.matches(text, s, e)) {
      noteDelta();
      return 'forward';
    }
    // Searches run on the read's latin1 copy (V8 string search, no native call per key). Patterns
    // start after the opening quote: V8 finds a pattern's first character with memchr, and quotes
    // are the commonest character in JSON.
    const data = singleDataLatin1(text, s, e, lfOnly);
    if (data === undefined) return inspectSlow(eventDataText(buf, s, e));
    if (data === '[DONE]') return inspectSlow(data);
    if (data.charCodeAt(0) !== 0x7b || data.charCodeAt(data.length - 1) !== 0x7d) return malformed();
    // OpenAI puts `"usage"` last in every chunk (`null` until the final one): search from the end.
    const usageAt = data.lastIndexOf('"usage"');
    const hasUsage = usageAt !== -1 && !isNullValue(data, usageAt + 7);
    const slow = () => inspectSlow(Buffer.from(data, 'latin1').toString('utf8'));
    // Any `"error"` key contains `rror"`; a false hit only costs a parse.
    if (data.includes('rror"')) return slow();
    // The usage chunk: parse just the usage value, which ends where the chunk does.
    const usage = hasUsage ? trailingValue(data, usageAt + 7) : undefined;
    if (hasUsage && !usage) return slow();
    if (r.upstreamModel === undefined) {
      const model = plainAsciiStringValue(data, '"model"');
      if (model === undefined) return slow();
      r.upstreamModel = model;
    }
    if (usage) {
      r.usage = mapOpenAIUsage(usage);
      if (!opts.clientWantsUsage && hasNoChoices(data)) return 'drop';
    }
    const contentAt = countDelta(data);
    // A token event on one line: the next ones are likely the same bytes around another text.
    // The data ends before the line's LF and the blank line's.
    if (contentAt !== -1 && !usage && lines === 1 && lfOnly) template.learn(buf, text, s, e, e - 2 - data.length + contentAt + CONTENT.length);
    return 'forward';
  };

  const inspectSlow = (data: string | undefined): Verdict => {
    if (data === undefined) return 'forward';
    if (data === '[DONE]') {
      r.outcome = 'done';
      finished = true;
      return 'forward';
    }
    let chunk: ChunkShape;
    try {
      chunk = JSON.parse(data) as ChunkShape;
    } catch {
      return malformed();
    }
    if (chunk === null || typeof chunk !== 'object') return malformed();
    if (chunk.error) {
      r.outcome = 'upstream_error';
      r.upstreamError = chunk.error;
      return 'stop';
    }
    if (r.upstreamModel === undefined) r.upstreamModel = typeof chunk.model === 'string' ? chunk.model : '';
    if (chunk.usage) r.usage = mapOpenAIUsage(chunk.usage);
    if (Array.isArray(chunk.choices) && chunk.choices.length > 0) {
      countDelta(data);
    } else if (chunk.usage && !opts.clientWantsUsage) {
      return 'drop';
    }
    return 'forward';
  };

  const malformed = (): Verdict => {
    r.outcome = 'malformed';
    r.detail = 'upstream sent an event whose data is not a JSON object';
    return 'stop';
  };

  const noteDelta = () => {
    r.deltaChunks++;
    r.firstTokenAt ??= performance.now();
  };
  /** Notes a content, tool-call or reasoning delta; returns where the content text's key is, or -1. */
  const countDelta = (data: string): number => {
    const contentAt = contentTextIndex(data);
    if (contentAt !== -1 || hasOtherDelta(data)) noteDelta();
    return contentAt;
  };

  const write = (buf: Buffer, from: number, to: number): boolean => {
    if (to <= from) return true;
    if (!r.committed) {
      if (!opts.commit()) {
        r.outcome = 'lost';
        stopped = true;
        return true;
      }
      r.committed = true;
    }
    return res.write(from === 0 && to === buf.length ? buf : buf.subarray(from, to));
  };

  return new Promise((resolve) => {
    let settled = false;
    let awaitingDrain = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      if (awaitingDrain) res.off('drain', onDrain).off('close', onDrain);
      if (r.outcome === 'cut') r.detail ??= 'upstream stream ended before [DONE]';
      resolve(r);
    };
    // Each delivery is everything the upstream sent in one turn (often a whole read of many events),
    // so the client gets it in one write. While the client applies backpressure the body is paused,
    // and the upstream connection stops at its next read.
    const data = (chunk: Buffer): boolean => {
      if (settled || finished) return true; // after [DONE] the rest is read to the end (so the connection is reused), not relayed
      try {
        let runStart = 0;
        let runEnd: number | undefined;
        let ok = true;
        const { buf, complete } = framer.push(chunk, (b, s, e, text, lfOnly, lines) => {
          if (stopped || finished) return;
          const v = inspect(b, s, e, text, lfOnly, lines);
          if (finished) runEnd = e;
          if (v === 'forward') return;
          ok = write(b, runStart, s) && ok;
          runStart = e;
          if (v === 'stop') stopped = true;
        });
        if (!stopped) ok = write(buf, runStart, runEnd ?? complete) && ok;
        if (stopped) {
          settle();
          return true;
        }
        if (finished) {
          opts.onDone?.(r);
          return true;
        }
        if (res.destroyed) {
          r.outcome = 'client_gone';
          settle();
          return true;
        }
        if (ok) return true;
        awaitingDrain = true;
        res.on('drain', onDrain).on('close', onDrain);
        return false;
      } catch (err) {
        error(err as Error);
        return true;
      }
    };
    const onDrain = () => {
      awaitingDrain = false;
      res.off('drain', onDrain).off('close', onDrain);
      if (!res.destroyed) return body.resume();
      r.outcome = 'client_gone';
      settle();
    };
    const end = () => {
      if (!stopped && !finished && framer.hasPartialEvent()) r.detail = 'upstream stream ended in the middle of an event';
      settle();
    };
    const error = (err: Error) => {
      if (!finished && !settled) {
        if (res.destroyed || res.writableEnded) {
          r.outcome = 'client_gone';
        } else {
          r.outcome = 'transport_error';
          r.transportError = err;
        }
      }
      settle();
    };
    body.pipe({ data, end, error });
  });
}

/**
 * The string value of the first `key` in `data` when it is plain ASCII (no escapes, no multi-byte
 * characters), else undefined, so the caller can fall back to parsing. Saves a JSON.parse of the
 * first event per stream.
 */
function plainAsciiStringValue(data: string, key: string): string | undefined {
  let i = data.indexOf(key);
  if (i === -1) return undefined;
  i += key.length;
  while (i < data.length && (data.charCodeAt(i) === 0x20 || data.charCodeAt(i) === 0x3a)) i++;
  if (data.charCodeAt(i) !== 0x22) return undefined;
  const end = data.indexOf('"', i + 1);
  if (end === -1) return undefined;
  const value = data.slice(i + 1, end);
  return /^[\x20-\x5b\x5d-\x7e]*$/.test(value) ? value : undefined;
}

/**
 * The object after the last key (from `i`, past `:` and spaces) when it runs to the end of the
 * chunk, parsed; undefined when it is not an object or is not last (the caller then parses the
 * whole chunk). A quoted key cannot occur inside a JSON string, so the match is the real key.
 */
function trailingValue(data: string, i: number): OpenAIUsage | undefined {
  while (i < data.length && (data.charCodeAt(i) === 0x20 || data.charCodeAt(i) === 0x3a)) i++;
  if (data.charCodeAt(i) !== 0x7b) return undefined;
  try {
    const v: unknown = JSON.parse(data.slice(i, -1));
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as OpenAIUsage) : undefined;
  } catch {
    return undefined;
  }
}

/** Where the chunk's first `"content"` key with a non-empty string value is (at its `content":"`), or -1. */
function contentTextIndex(data: string): number {
  for (let c = data.indexOf(CONTENT); c !== -1; c = data.indexOf(CONTENT, c + CONTENT.length)) {
    // A whole `"content"` key (not `reasoning_content`) whose string is not empty.
    if (data.charCodeAt(c - 1) === 0x22 && data.charCodeAt(c + CONTENT.length) !== 0x22) return c;
  }
  return -1;
}

/** True when the chunk carries a tool-call or reasoning delta (the rarer kinds of output). */
function hasOtherDelta(data: string): boolean {
  // Both keys hold `_c`, which is rare in chunk JSON (unlike their first letters): one search finds
  // the candidates, each checked in place.
  for (let at = data.indexOf('_c'); at !== -1; at = data.indexOf('_c', at + 2)) {
    if (data.startsWith('tool_calls"', at - 4) || data.startsWith('reasoning_content":"', at - 9)) return true;
  }
  return false;
}

const EMPTY_CHOICES = /"choices"\s*:\s*\[\s*\]/y;

/** True when the chunk has no `choices` key or an empty array (a usage-only chunk). */
function hasNoChoices(data: string): boolean {
  const at = data.indexOf('"choices"');
  if (at === -1) return true;
  EMPTY_CHOICES.lastIndex = at;
  return EMPTY_CHOICES.test(data);
}

/** True when the JSON value after a `"key"` (past `:` and spaces) is `null`. */
function isNullValue(data: string, i: number): boolean {
  while (i < data.length && (data.charCodeAt(i) === 0x20 || data.charCodeAt(i) === 0x3a)) i++;
  return data.charCodeAt(i) === 0x6e;
}
