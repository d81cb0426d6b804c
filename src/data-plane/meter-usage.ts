import { emptyUsage, usageIsSane, type Usage } from '../canonical/usage.ts';
import type { Runtime } from '../gateway/runtime.ts';
import { computeCostMicros } from '../pricing/compute-cost.ts';
import { formatMicrosAsUsd } from '../money/format-micros.ts';
import type { RequestContext } from './request-context.ts';

/** Longest raw usage text kept on a record whose usage failed the sanity check. */
const MAX_RAW_USAGE_CHARS = 1024;

/**
 * Sets usage and cost on the context: priced from the target's provider and upstream model at the
 * request's start time. Usage that fails `usageIsSane` (an absurd, negative or fractional figure)
 * never fails the request that is being answered: the context keeps zero counts, no cost (unpriced),
 * and the provider's usage as text in `usageInvalid`, which the record stores and metrics skip.
 */
export function meterUsage(ctx: RequestContext, rt: Runtime, usage: Usage, source: 'reported' | 'estimated'): void {
  ctx.usageSource = source;
  if (!usageIsSane(usage)) {
    ctx.usage = emptyUsage();
    ctx.usageInvalid = rawUsageText(usage);
    ctx.costMicros = null;
    return;
  }
  ctx.usage = usage;
  ctx.usageInvalid = null;
  const price = ctx.provider && ctx.upstreamModel ? rt.prices.lookup(ctx.provider, ctx.upstreamModel, new Date(ctx.startedAt)) : undefined;
  try {
    ctx.costMicros = computeCostMicros(usage, price);
  } catch {
    ctx.costMicros = null;
  }
}

/** The provider's own usage object (or the canonical counts) as JSON, cut to 1 KiB. */
function rawUsageText(usage: Usage): string {
  let text: string;
  try {
    const { raw, ...counts } = usage;
    text = JSON.stringify(raw ?? counts, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v)) ?? 'null';
  } catch {
    text = 'unserializable usage';
  }
  return text.length <= MAX_RAW_USAGE_CHARS ? text : text.slice(0, MAX_RAW_USAGE_CHARS);
}

/** The `x-switchyard-cost-usd` value: six decimals, or `unpriced` (never a silent zero). */
export function costHeader(ctx: RequestContext): string {
  return ctx.costMicros == null ? 'unpriced' : formatMicrosAsUsd(ctx.costMicros);
}
