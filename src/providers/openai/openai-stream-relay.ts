import type { ServerResponse } from 'node:http';
import type { Usage } from '../../canonical/usage.ts';
import { SseParser, type SseEvent } from '../../streaming/sse-parser.ts';
import { mapOpenAIUsage, type OpenAIUsage } from './map-openai-usage.ts';

/** How a relayed stream ended. Only `done` is a clean finish. */
export type StreamOutcome = 'done' | 'cut' | 'malformed' | 'upstream_error' | 'client_gone' | 'transport_error';

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
  /** Called once, right before the first byte is written, to send status and headers. */
  commit: () => void;
}

interface ChunkShape {
  model?: string;
  usage?: OpenAIUsage | null;
  error?: unknown;
  choices?: { delta?: Record<string, unknown> }[];
}

/**
 * Relays an OpenAI chat-completions event stream from the upstream to the client.
 * Events are re-framed (`data: <payload>\n\n`) with their payload untouched; each payload is
 * parsed only to meter usage and to catch malformed data. A stream that stops before `[DONE]`,
 * carries malformed data or an in-band error is reported as such, never as a clean finish.
 */
export async function relayOpenAIStream(body: AsyncIterable<Buffer>, res: ServerResponse, opts: RelayOptions): Promise<RelayResult> {
  const r: RelayResult = { outcome: 'cut', committed: false, deltaChunks: 0 };
  let out = '';
  let stop = false;
  const onEvent = (e: SseEvent) => {
    if (stop) return;
    if (e.data === '[DONE]') {
      r.outcome = 'done';
      out += 'data: [DONE]\n\n';
      stop = true;
      return;
    }
    let chunk: ChunkShape;
    try {
      chunk = JSON.parse(e.data) as ChunkShape;
    } catch {
      r.outcome = 'malformed';
      r.detail = 'upstream sent an event whose data is not valid JSON';
      stop = true;
      return;
    }
    if (chunk.error) {
      r.outcome = 'upstream_error';
      r.upstreamError = chunk.error;
      stop = true;
      return;
    }
    if (chunk.model && !r.upstreamModel) r.upstreamModel = chunk.model;
    if (chunk.usage) r.usage = mapOpenAIUsage(chunk.usage);
    const choices = chunk.choices;
    if (choices && choices.length > 0) {
      const delta = choices[0].delta;
      if (delta && (delta.content || delta.tool_calls || delta.reasoning_content || delta.refusal)) {
        r.deltaChunks++;
        r.firstTokenAt ??= performance.now();
      }
    } else if (chunk.usage && !opts.clientWantsUsage) {
      return;
    }
    out += 'data: ' + e.data + '\n\n';
  };

  const parser = new SseParser(onEvent);
  try {
    for await (const buf of body) {
      parser.push(buf);
      if (out) {
        if (!r.committed) {
          opts.commit();
          r.committed = true;
        }
        const ok = res.write(out);
        out = '';
        if (!ok) await drained(res);
      }
      if (stop) break;
      if (res.destroyed) {
        r.outcome = 'client_gone';
        return r;
      }
    }
    if (!stop && parser.end()) r.detail = 'upstream stream ended in the middle of an event';
  } catch (err) {
    if (res.destroyed || res.writableEnded) {
      r.outcome = 'client_gone';
      return r;
    }
    r.outcome = 'transport_error';
    r.transportError = err;
  }
  if (out && r.outcome === 'done') {
    if (!r.committed) {
      opts.commit();
      r.committed = true;
    }
    res.write(out);
  }
  if (r.outcome === 'cut') r.detail ??= 'upstream stream ended before [DONE]';
  return r;
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}
