import type { RequestContext } from '../request-context.ts';

/** `x-amzn-requestid` for a request: a stable UUID-shaped id derived from its log id. */
export function awsRequestId(ctx: RequestContext): string {
  return `00000000-0000-4000-8000-${ctx.entry.id.toString(16).padStart(12, '0')}`;
}

/**
 * Sends a complete JSON response the way Bedrock Runtime does: `x-amzn-requestid` always,
 * `x-amzn-errortype` on errors, plus `retry-after` when the `retry_after` directive is set.
 */
export function sendAwsJson(ctx: RequestContext, status: number, payload: unknown, extra: Record<string, string> = {}): void {
  const { res, entry, directives } = ctx;
  if (res.destroyed || res.headersSent) return;
  const body = JSON.stringify(payload);
  const headers: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-amzn-requestid': awsRequestId(ctx),
    ...extra,
  };
  if (status >= 400 && directives.retry_after !== undefined && directives.retry_after >= 0) headers['retry-after'] = String(Math.ceil(directives.retry_after));
  entry.status = status;
  res.writeHead(status, headers);
  res.end(body);
}
