import { UpstreamProtocolError } from '../providers/provider-adapter.ts';
import { HttpError } from '../server/http-error.ts';
import type { UpstreamFailure } from '../upstream/upstream-failure.ts';

const RATE_LIMITED = /throttl|rate_limit|too_many|resource_exhausted/i;

/** Maps a decoder's protocol error (malformed data, in-band error, cut stream) to a classified failure. */
export function protocolFailure(providerId: string, err: UpstreamProtocolError): UpstreamFailure {
  if (err.kind === 'upstream_error') {
    const limited = err.code !== undefined && RATE_LIMITED.test(err.code);
    return {
      errorClass: limited ? 'rate_limited' : 'upstream_error',
      action: 'failover',
      clientError: new HttpError(limited ? 429 : 502, limited ? 'rate_limit_error' : 'upstream_error', 'upstream_stream_error',
        `provider ${providerId} reported an error${err.code ? ` (${err.code})` : ''}: ${err.message.slice(0, 500)}`),
    };
  }
  const code = err.kind === 'cut' ? 'upstream_stream_cut' : 'bad_upstream_response';
  return { errorClass: 'bad_upstream_response', action: 'failover', clientError: new HttpError(502, 'upstream_error', code, `provider ${providerId} ${err.message}`) };
}

export function isProtocolError(err: unknown): err is UpstreamProtocolError {
  return err instanceof UpstreamProtocolError;
}
