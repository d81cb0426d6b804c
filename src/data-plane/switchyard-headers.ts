import type { RequestContext } from './request-context.ts';

/** Headers every successful data-plane response carries. */
export function switchyardHeaders(ctx: RequestContext): Record<string, string> {
  return {
    'x-switchyard-provider': ctx.provider ?? '',
    'x-switchyard-model': ctx.upstreamModel ?? '',
    'x-switchyard-attempts': String(ctx.attempts),
  };
}
