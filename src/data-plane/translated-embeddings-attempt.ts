import type { CanonicalEmbeddingRequest, CanonicalEmbeddingResponse } from '../canonical/embeddings.ts';
import { emptyUsage } from '../canonical/usage.ts';
import type { ProviderRuntime } from '../gateway/runtime.ts';
import type { ProviderAdapter } from '../providers/provider-adapter.ts';
import type { AttemptResult } from '../router/execute-targets.ts';
import { HttpError } from '../server/http-error.ts';
import { attemptDeadline, type AttemptDeadline, type AttemptIO } from '../upstream/attempt-deadline.ts';
import { exchangeUpstream } from '../upstream/upstream-exchange.ts';
import { classifyTransportError } from '../upstream/upstream-failure.ts';
import { encodeFailure } from './encode-failure.ts';
import { badResponse } from './openai-json-attempt.ts';
import { isProtocolError, protocolFailure } from './protocol-failure.ts';

type Embeddings = NonNullable<ProviderAdapter['embeddings']>;

/**
 * An embeddings call through a provider adapter (providers whose embeddings API is not OpenAI's).
 * Batches larger than the provider takes per call (Bedrock Titan: one input) are split into calls
 * made in order; vectors are concatenated and usage summed.
 */
export async function translatedEmbeddingsAttempt(p: ProviderRuntime, adapter: ProviderAdapter, req: CanonicalEmbeddingRequest, io: AttemptIO): Promise<AttemptResult<CanonicalEmbeddingResponse>> {
  const emb = adapter.embeddings;
  if (!emb) {
    return {
      ok: false,
      committed: false,
      failure: { errorClass: 'invalid_request', action: 'failover', clientError: new HttpError(400, 'invalid_request_error', 'embeddings_not_supported', `provider ${p.config.id} (${p.config.type}) has no embeddings API`) },
    };
  }
  const per = Math.max(1, emb.maxInputsPerCall?.(req.model) ?? req.input.length);
  const out: CanonicalEmbeddingResponse = { model: '', vectors: [], usage: emptyUsage() };
  const d = attemptDeadline(io);
  try {
    for (let i = 0; i < req.input.length; i += per) {
      const part = { ...req, input: req.input.slice(i, i + per) } as CanonicalEmbeddingRequest;
      const r = await oneCall(p, adapter, emb, part, d);
      if (!r.ok) return r;
      out.model ||= r.value.model;
      out.vectors.push(...r.value.vectors);
      out.usage.inputUncached += r.value.usage.inputUncached;
      out.usage.inputCacheRead += r.value.usage.inputCacheRead;
    }
    return { ok: true, value: out };
  } catch (err) {
    if (isProtocolError(err)) return { ok: false, committed: false, failure: protocolFailure(p.config.id, err) };
    return { ok: false, committed: false, failure: classifyTransportError(p.config.id, err, d.timeouts, d.signals) };
  } finally {
    d.dispose();
  }
}

async function oneCall(p: ProviderRuntime, adapter: ProviderAdapter, emb: Embeddings, req: CanonicalEmbeddingRequest, d: AttemptDeadline): Promise<AttemptResult<CanonicalEmbeddingResponse>> {
  let encoded;
  try {
    encoded = emb.encode(req, p.config);
  } catch (err) {
    return { ok: false, committed: false, failure: encodeFailure(p.config.id, err) };
  }
  const signed = await adapter.sign(encoded, p.config, p.sign);
  const res = await exchangeUpstream(p.endpoint, { method: signed.method, path: signed.path, headers: signed.headers, body: signed.body, signal: d.signal, timeouts: d.timeouts });
  const text = await res.body.readText(256 * 1024 * 1024);
  if (res.statusCode < 200 || res.statusCode > 299) return { ok: false, committed: false, failure: adapter.classifyError(res.statusCode, res.headers, text.slice(0, 65536), p.config.id) };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, committed: false, failure: badResponse(p.config.id, 'a response body that is not valid JSON') };
  }
  return { ok: true, value: emb.decode(json, res.headers) };
}
