import type { ServerResponse } from 'node:http';
import type { CanonicalRequest } from '../canonical/request.ts';
import type { StreamEvent } from '../canonical/stream-event.ts';
import { saneOutputTokens, type Usage } from '../canonical/usage.ts';
import type { ProviderRuntime } from '../gateway/runtime.ts';
import type { StreamEncoder } from '../inbound/inbound-codec.ts';
import { type ProviderAdapter, UpstreamProtocolError } from '../providers/provider-adapter.ts';
import type { AttemptResult } from '../router/execute-targets.ts';
import { attemptDeadline, type AttemptIO } from '../upstream/attempt-deadline.ts';
import { classifyTransportError, clientGoneFailure } from '../upstream/upstream-failure.ts';
import { isProtocolError, protocolFailure } from './protocol-failure.ts';
import { sendTranslated } from './send-translated.ts';
import { waitForDrain } from '../server/wait-for-drain.ts';

/** What a translated stream left behind, whatever its outcome: enough to meter it. */
export interface TranslatedStreamSummary {
  committed: boolean;
  usage?: Usage;
  /** Content deltas seen: the output-token estimate when the provider never reported usage. */
  deltas: number;
  firstTokenAt?: number;
  upstreamModel?: string;
  finished: boolean;
}

export interface TranslatedStreamOptions {
  encoder: StreamEncoder;
  io: AttemptIO;
  /** Claims the response and sends status and headers, right before the first byte; false: another attempt has it. */
  commit: () => boolean;
  onEnd: (s: TranslatedStreamSummary) => void;
}

/**
 * A streaming call through a provider adapter: the provider's stream is decoded to canonical events
 * and re-encoded in the client's API format as it arrives. Nothing is sent before the first token
 * (or the finish), so until then a failure can still move to another target, and a hedge race is
 * won by the first token rather than by the provider's opening event.
 */
export async function translatedStreamAttempt(
  p: ProviderRuntime,
  adapter: ProviderAdapter,
  req: CanonicalRequest,
  res: ServerResponse,
  o: TranslatedStreamOptions,
): Promise<AttemptResult<TranslatedStreamSummary>> {
  const d = attemptDeadline(o.io);
  const s: TranslatedStreamSummary = { committed: false, deltas: 0, finished: false };
  const signals = d.signals;
  let preamble = '';
  /**
   * Holds what comes before the first token (e.g. Anthropic's `message_start`) until a token or the
   * finish arrives: until then the attempt can still fail over or lose a hedge race unseen.
   */
  const send = (out: string): boolean => {
    if (!s.committed) {
      if (s.deltas === 0 && !s.finished) {
        preamble += out;
        return true;
      }
      if (!o.commit()) throw new LostRace();
      s.committed = true;
      out = preamble + out;
      preamble = '';
    }
    return res.write(out);
  };
  const write = (events: StreamEvent[]): boolean => {
    let out = '';
    for (const e of events) {
      if (e.type === 'usage') s.usage = e.usage;
      else if (e.type === 'finish') s.finished = true;
      else if (e.type === 'message_start') s.upstreamModel = e.model;
      else if (e.type === 'text_delta' || e.type === 'reasoning_delta' || e.type === 'tool_call_delta') {
        s.deltas++;
        s.firstTokenAt ??= performance.now();
      }
      out += o.encoder.event(e);
    }
    return out ? send(out) : true;
  };
  try {
    const sent = await sendTranslated(p, adapter, req, d);
    if (!sent.ok) return { ok: false, committed: false, failure: sent.failure };
    const decoder = adapter.createStreamDecoder();
    for await (const chunk of sent.res.body) {
      if (!write(decoder.push(chunk as Buffer))) await waitForDrain(res);
      if (res.destroyed) return { ok: false, committed: s.committed, failure: clientGoneFailure() };
    }
    write(decoder.end());
    if (!s.finished) throw new UpstreamProtocolError('cut', 'ended the stream before its final event');
    const tail = o.encoder.end();
    if (tail) send(tail);
    return { ok: true, value: s, outputTokens: saneOutputTokens(s.usage) ?? s.deltas };
  } catch (err) {
    if (err instanceof LostRace) return { ok: false, committed: false, failure: clientGoneFailure() };
    if (isProtocolError(err)) return { ok: false, committed: s.committed, failure: protocolFailure(p.config.id, err) };
    return { ok: false, committed: s.committed, failure: classifyTransportError(p.config.id, err, d.timeouts, signals) };
  } finally {
    d.dispose();
    o.onEnd(s);
  }
}

/** Another attempt claimed the response first (hedging): this one stops without writing. */
class LostRace extends Error {}
