import type { ServerResponse } from 'node:http';
import { saneOutputTokens } from '../canonical/usage.ts';
import type { ProviderRuntime } from '../gateway/runtime.ts';
import { classifyOpenAIError } from '../providers/openai/classify-openai-error.ts';
import { openAIRequestHeaders } from '../providers/openai/openai-request-headers.ts';
import { relayOpenAIStream, type RelayResult } from '../providers/openai/openai-stream-relay.ts';
import type { AttemptResult } from '../router/execute-targets.ts';
import { HttpError } from '../server/http-error.ts';
import { attemptDeadline, type AttemptIO } from '../upstream/attempt-deadline.ts';
import { exchangeUpstream } from '../upstream/upstream-exchange.ts';
import { classifyTransportError, clientGoneFailure, type UpstreamFailure } from '../upstream/upstream-failure.ts';
import { badResponse } from './openai-json-attempt.ts';

export interface StreamAttemptOptions {
  clientWantsUsage: boolean;
  io: AttemptIO;
  /** Claims the response and sends status and headers for this target, right before the first byte; false: another attempt has it. */
  commit: () => boolean;
  /** Receives the relay's result whatever the outcome, so usage seen before a failure is still metered. */
  onRelayEnd: (r: RelayResult) => void;
  /** The relay's `onDone`: the stream reached `[DONE]` and was written; the caller may end the response now. */
  onDone?: (r: RelayResult) => void;
}

/**
 * One streaming call to an OpenAI-format upstream. Until the first event reaches the client the
 * attempt can fail over; after that, a failure is final and is reported in-band by the caller.
 */
export async function openAIStreamAttempt(p: ProviderRuntime, payload: string | Buffer, res: ServerResponse, o: StreamAttemptOptions): Promise<AttemptResult<RelayResult>> {
  const id = p.config.id;
  const d = attemptDeadline(o.io);
  const signals = d.signals;
  try {
    const up = await exchangeUpstream(p.endpoint, { method: 'POST', path: '/chat/completions', headers: openAIRequestHeaders(p.config, 'text/event-stream'), body: payload, signal: d.signal, timeouts: d.timeouts });
    if (up.statusCode < 200 || up.statusCode > 299) {
      const text = await up.body.readText(64 * 1024).catch(() => '');
      return { ok: false, committed: false, failure: classifyOpenAIError(id, up.statusCode, up.headers, text) };
    }
    const ct = up.header('content-type') ?? '';
    if (!ct.includes('text/event-stream')) {
      up.body.destroy();
      return { ok: false, committed: false, failure: badResponse(id, `content-type "${ct}" where an event stream was expected`) };
    }
    const r = await relayOpenAIStream(up.body, res, { clientWantsUsage: o.clientWantsUsage, commit: o.commit, onDone: o.onDone });
    if (r.outcome !== 'done') up.body.destroy();
    o.onRelayEnd(r);
    if (r.outcome === 'done') return { ok: true, value: r, outputTokens: saneOutputTokens(r.usage) ?? r.deltaChunks };
    return { ok: false, committed: r.committed, failure: streamFailure(id, r, d.timeouts, signals) };
  } catch (err) {
    return { ok: false, committed: false, failure: classifyTransportError(id, err, d.timeouts, signals) };
  } finally {
    d.dispose();
  }
}

function streamFailure(id: string, r: RelayResult, t: ProviderRuntime['config']['timeouts'], signals: Parameters<typeof classifyTransportError>[3]): UpstreamFailure {
  switch (r.outcome) {
    case 'client_gone':
    case 'lost':
      return clientGoneFailure();
    case 'transport_error':
      return classifyTransportError(id, r.transportError, t, signals);
    case 'malformed':
      return badResponse(id, `malformed stream data (${r.detail})`);
    case 'upstream_error': {
      const e = r.upstreamError as { message?: unknown } | undefined;
      const msg = typeof e?.message === 'string' ? `: ${e.message.slice(0, 500)}` : '';
      return { errorClass: 'upstream_error', action: 'failover', clientError: new HttpError(502, 'upstream_error', 'upstream_stream_error', `provider ${id} reported an error mid-stream${msg}`) };
    }
    default:
      return { errorClass: 'bad_upstream_response', action: 'failover', clientError: new HttpError(502, 'upstream_error', 'upstream_stream_cut', `provider ${id} ${r.detail ?? 'ended the stream early'}`) };
  }
}
