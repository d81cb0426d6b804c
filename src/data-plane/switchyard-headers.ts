import { headerValue } from '../server/header-value.ts';
import type { RequestContext } from './request-context.ts';

/**
 * The ids every data-plane response carries: the gateway's `x-request-id` and, when the caller sent
 * one, its own id echoed as `x-client-request-id`. Responses pass them to `writeHead` with their other
 * headers rather than through `setHeader` up front, which would put Node on its slower header path.
 */
export function requestIdHeaders(ctx: Pick<RequestContext, 'id' | 'clientRequestId'>): Record<string, string> {
  return ctx.clientRequestId ? { 'x-request-id': ctx.id, 'x-client-request-id': ctx.clientRequestId } : { 'x-request-id': ctx.id };
}

/**
 * Headers every successful data-plane response carries: the ids and where the request went. The model
 * may come from the upstream's answer, so it passes through `headerValue` (never a value Node refuses).
 */
export function switchyardHeaders(ctx: RequestContext): Record<string, string> {
  const h = requestIdHeaders(ctx);
  h['x-switchyard-provider'] = ctx.provider ?? '';
  h['x-switchyard-model'] = ctx.upstreamModel ? headerValue(ctx.upstreamModel) : '';
  h['x-switchyard-attempts'] = String(ctx.attempts);
  return h;
}
