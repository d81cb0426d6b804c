import type { Usage } from '../canonical/usage.ts';
import type { ProviderRuntime } from '../gateway/runtime.ts';
import { classifyOpenAIError } from '../providers/openai/classify-openai-error.ts';
import { mapOpenAIUsage, type OpenAIUsage } from '../providers/openai/map-openai-usage.ts';
import { openAIRequestHeaders } from '../providers/openai/openai-request-headers.ts';
import type { AttemptResult } from '../router/execute-targets.ts';
import { HttpError } from '../server/http-error.ts';
import { attemptDeadline, type AttemptIO } from '../upstream/attempt-deadline.ts';
import { ResponseTooLargeError } from '../upstream/upstream-body.ts';
import { exchangeUpstream } from '../upstream/upstream-exchange.ts';
import { classifyTransportError, type UpstreamFailure } from '../upstream/upstream-failure.ts';

const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const MAX_ERROR_BYTES = 64 * 1024;

/** A complete (non-streaming) upstream answer, forwarded to the client byte for byte. */
export interface JsonAnswer {
  body: Buffer;
  usage?: Usage;
  upstreamModel?: string;
  firstByteAt: number;
}

/** One non-streaming call to an OpenAI-format upstream (`/chat/completions`, `/embeddings`). */
export async function openAIJsonAttempt(p: ProviderRuntime, path: string, payload: string | Buffer, io: AttemptIO): Promise<AttemptResult<JsonAnswer>> {
  const d = attemptDeadline(io);
  try {
    const up = await exchangeUpstream(p.endpoint, { method: 'POST', path, headers: openAIRequestHeaders(p.config, 'application/json'), body: payload, signal: d.signal, timeouts: d.timeouts });
    const firstByteAt = performance.now();
    if (up.statusCode < 200 || up.statusCode > 299) {
      const text = await up.body.readText(MAX_ERROR_BYTES).catch(() => '');
      return { ok: false, committed: false, failure: classifyOpenAIError(p.config.id, up.statusCode, up.headers, text) };
    }
    const body = await up.body.readAll(MAX_RESPONSE_BYTES);
    let parsed: { usage?: OpenAIUsage; model?: string };
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return { ok: false, committed: false, failure: badResponse(p.config.id, 'a response body that is not valid JSON') };
    }
    return {
      ok: true,
      value: { body, usage: parsed.usage ? mapOpenAIUsage(parsed.usage) : undefined, upstreamModel: typeof parsed.model === 'string' ? parsed.model : undefined, firstByteAt },
    };
  } catch (err) {
    const failure = err instanceof ResponseTooLargeError
      ? badResponse(p.config.id, `a response larger than ${MAX_RESPONSE_BYTES} bytes`)
      : classifyTransportError(p.config.id, err, d.timeouts, d.signals);
    return { ok: false, committed: false, failure };
  } finally {
    d.dispose();
  }
}

export function badResponse(providerId: string, what: string): UpstreamFailure {
  return {
    errorClass: 'bad_upstream_response',
    action: 'failover',
    clientError: new HttpError(502, 'upstream_error', 'bad_upstream_response', `provider ${providerId} sent ${what}`),
  };
}
