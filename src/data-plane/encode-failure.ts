import { HttpError } from '../server/http-error.ts';
import type { UpstreamFailure } from '../upstream/upstream-failure.ts';

/**
 * An adapter could not encode the request for its provider. An `HttpError` means the client asked for
 * something this provider cannot take (answered at once, as the client's mistake); anything else
 * is a gateway-side problem with this target, so the next target may still serve the request.
 */
export function encodeFailure(providerId: string, err: unknown): UpstreamFailure {
  if (err instanceof HttpError) return { errorClass: 'invalid_request', action: 'return', clientError: err };
  return {
    errorClass: 'internal',
    action: 'failover',
    clientError: new HttpError(502, 'upstream_error', 'request_translation_failed', `the request could not be translated for provider ${providerId}: ${(err as Error)?.message ?? String(err)}`),
  };
}
