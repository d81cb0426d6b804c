import type { CanonicalRequest } from '../canonical/request.ts';
import type { ProviderRuntime } from '../gateway/runtime.ts';
import type { ProviderAdapter, UpstreamRequest } from '../providers/provider-adapter.ts';
import { HttpError } from '../server/http-error.ts';
import type { AttemptDeadline } from '../upstream/attempt-deadline.ts';
import { exchangeUpstream, type UpstreamResponse } from '../upstream/upstream-exchange.ts';
import type { UpstreamFailure } from '../upstream/upstream-failure.ts';
import { encodeFailure } from './encode-failure.ts';

/**
 * Encode → sign → send for one target, the part every translated attempt shares.
 * Returns the 2xx response, or the classified failure (non-2xx, or a signer that could not get credentials).
 */
export async function sendTranslated(
  p: ProviderRuntime,
  adapter: ProviderAdapter,
  req: CanonicalRequest,
  d: AttemptDeadline,
): Promise<{ ok: true; res: UpstreamResponse } | { ok: false; failure: UpstreamFailure }> {
  let encoded;
  try {
    encoded = adapter.encodeChatRequest(req, p.config);
  } catch (err) {
    return { ok: false, failure: encodeFailure(p.config.id, err) };
  }
  return sendEncoded(p, adapter, encoded, d);
}

/** Sign → send for a request an adapter already encoded (a chat call, or a token count). */
export async function sendEncoded(
  p: ProviderRuntime,
  adapter: ProviderAdapter,
  encoded: UpstreamRequest,
  d: AttemptDeadline,
): Promise<{ ok: true; res: UpstreamResponse } | { ok: false; failure: UpstreamFailure }> {
  let signed;
  try {
    signed = await adapter.sign(encoded, p.config, p.sign);
  } catch (err) {
    return {
      ok: false,
      failure: {
        errorClass: 'upstream_auth',
        action: 'failover',
        clientError: new HttpError(502, 'upstream_error', 'upstream_auth_failed', `could not obtain credentials for provider ${p.config.id}: ${(err as Error).message}`),
      },
    };
  }
  const res = await exchangeUpstream(p.endpoint, { method: signed.method, path: signed.path, headers: signed.headers, body: signed.body, signal: d.signal, timeouts: d.timeouts });
  if (res.statusCode >= 200 && res.statusCode <= 299) return { ok: true, res };
  const text = await res.body.readText(64 * 1024).catch(() => '');
  return { ok: false, failure: adapter.classifyError(res.statusCode, res.headers, text, p.config.id) };
}
