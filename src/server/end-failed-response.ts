import type { ServerResponse } from 'node:http';
import type { Logger } from '../observability/logger.ts';
import { HttpError, sendError } from './http-error.ts';

/**
 * Answers a request whose handler failed, and never throws: a failure while answering one
 * request must end that request only, never reject a promise nobody awaits (which would stop the
 * process). `write` sends the error in the endpoint's own shape. If the response has already
 * started (a JSON body half sent, a stream past its first event) nothing more can be said in
 * band here, so the socket is destroyed: the client sees a cut, never a complete-looking answer.
 * If `write` itself throws (a header value Node refuses), the failure is logged and a bare 500
 * carrying only `fallbackHeaders` (values the gateway made) is tried once, without the headers
 * that threw; if even that fails, the socket is destroyed. `requestId` may be empty (admin requests have none).
 */
export function endFailedResponse(res: ServerResponse, write: () => void, fallbackHeaders: Record<string, string>, log: Logger, requestId: string): void {
  if (res.destroyed || res.writableEnded) return;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  try {
    write();
    return;
  } catch (err) {
    log.error('could not write an error response', { request_id: requestId, error: err });
  }
  try {
    if (!res.headersSent) {
      sendError(res, new HttpError(500, 'server_error', 'internal_error', `internal error${requestId ? ` (request ${requestId})` : ''}; the gateway logged the details`), fallbackHeaders);
      return;
    }
  } catch (err) {
    log.error('could not write the fallback error response', { request_id: requestId, error: err });
  }
  res.destroy();
}
