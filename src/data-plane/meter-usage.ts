import type { Usage } from '../canonical/usage.ts';
import type { Runtime } from '../gateway/runtime.ts';
import { computeCostMicros } from '../pricing/compute-cost.ts';
import { formatMicrosAsUsd } from '../money/format-micros.ts';
import type { RequestContext } from './request-context.ts';

/** Sets usage and cost on the context: priced from the target's provider and upstream model at the request's start time. */
export function meterUsage(ctx: RequestContext, rt: Runtime, usage: Usage, source: 'reported' | 'estimated'): void {
  ctx.usage = usage;
  ctx.usageSource = source;
  const price = ctx.provider && ctx.upstreamModel ? rt.prices.lookup(ctx.provider, ctx.upstreamModel, new Date(ctx.startedAt)) : undefined;
  ctx.costMicros = computeCostMicros(usage, price);
}

/** The `x-switchyard-cost-usd` value: six decimals, or `unpriced` (never a silent zero). */
export function costHeader(ctx: RequestContext): string {
  return ctx.costMicros == null ? 'unpriced' : formatMicrosAsUsd(ctx.costMicros);
}
