import type { RequestContext } from './request-context.ts';

/**
 * Sends a complete JSON response. Error statuses carry `retry-after` (seconds) and
 * `retry-after-ms` when the `retry_after` directive is set, as OpenAI's rate limiter does.
 */
export function sendJson(ctx: RequestContext, status: number, payload: unknown): void {
  const { res, entry, directives } = ctx;
  if (res.destroyed || res.headersSent) return;
  const body = JSON.stringify(payload);
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-request-id': requestIdOf(ctx),
  };
  const retryAfter = directives.retry_after;
  if (status >= 400 && retryAfter !== undefined && retryAfter >= 0) {
    headers['retry-after'] = String(Math.ceil(retryAfter));
    headers['retry-after-ms'] = String(Math.round(retryAfter * 1000));
  }
  entry.status = status;
  res.writeHead(status, headers);
  res.end(body);
}

/** The `x-request-id` value for a request, derived from its log id. */
export function requestIdOf(ctx: RequestContext): string {
  return `req_emu${ctx.entry.id}`;
}
