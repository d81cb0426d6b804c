import type { CanonicalRequest } from '../canonical/request.ts';
import type { CanonicalResponse } from '../canonical/response.ts';
import type { ProviderRuntime } from '../gateway/runtime.ts';
import type { ProviderAdapter } from '../providers/provider-adapter.ts';
import type { AttemptResult } from '../router/execute-targets.ts';
import { attemptDeadline, type AttemptIO } from '../upstream/attempt-deadline.ts';
import { classifyTransportError } from '../upstream/upstream-failure.ts';
import { badResponse } from './openai-json-attempt.ts';
import { isProtocolError, protocolFailure } from './protocol-failure.ts';
import { sendTranslated } from './send-translated.ts';

export interface TranslatedAnswer {
  response: CanonicalResponse;
  firstByteAt: number;
}

/** A non-streaming call through a provider adapter: canonical request in, canonical response out. */
export async function translatedJsonAttempt(p: ProviderRuntime, adapter: ProviderAdapter, req: CanonicalRequest, io: AttemptIO): Promise<AttemptResult<TranslatedAnswer>> {
  const d = attemptDeadline(io);
  try {
    const sent = await sendTranslated(p, adapter, req, d);
    if (!sent.ok) return { ok: false, committed: false, failure: sent.failure };
    const firstByteAt = performance.now();
    const text = await sent.res.body.readText(64 * 1024 * 1024);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, committed: false, failure: badResponse(p.config.id, 'a response body that is not valid JSON') };
    }
    return { ok: true, value: { response: adapter.decodeChatResponse(json), firstByteAt } };
  } catch (err) {
    if (isProtocolError(err)) return { ok: false, committed: false, failure: protocolFailure(p.config.id, err) };
    return { ok: false, committed: false, failure: classifyTransportError(p.config.id, err, d.timeouts, d.signals) };
  } finally {
    d.dispose();
  }
}
