import { emptyUsage } from '../canonical/usage.ts';
import type { Runtime } from '../gateway/runtime.ts';
import { computeCostMicros } from '../pricing/compute-cost.ts';
import type { AttemptRecord } from '../store/store-types.ts';
import type { RequestContext } from './request-context.ts';

/** Prices `a` for `tokens` prompt tokens and nothing else, at the request's start time. */
function billPromptOnly(ctx: RequestContext, rt: Runtime, a: AttemptRecord, tokens: number): void {
  const price = rt.prices.lookup(a.provider, a.model, new Date(ctx.startedAt));
  a.costMicros = computeCostMicros({ ...emptyUsage(), inputUncached: tokens }, price);
}

/**
 * A hedge that lost the race was cancelled before it produced anything the client saw, but its
 * provider had already read the prompt: each is billed for the estimated prompt tokens only, and
 * that is added to the request's cost (unpriced stays unpriced, never zero).
 */
export function billCancelledAttempts(ctx: RequestContext, rt: Runtime, attempts: AttemptRecord[], promptTokens: () => number): void {
  let tokens: number | undefined;
  for (const a of attempts) {
    if (a.outcome !== 'cancelled') continue;
    tokens ??= promptTokens();
    billPromptOnly(ctx, rt, a, tokens);
    if (a.costMicros !== null && ctx.costMicros !== null) ctx.costMicros += a.costMicros;
  }
}

/**
 * For a request that failed before anything reached the client: when the failure is that the
 * client left (or shutdown ended the request), every attempt it abandoned had already sent the prompt upstream, so each is billed
 * for the estimated prompt tokens, and the request carries their sum as estimated usage.
 * Unpriced if any of them is unpriced. Other failures are not billed.
 */
export function billAbandonedRequest(ctx: RequestContext, rt: Runtime, attempts: AttemptRecord[], promptTokens: () => number): void {
  if (ctx.errorClass !== 'client_disconnected' && ctx.errorClass !== 'shutdown') return;
  const abandoned = attempts.filter((a) => a.outcome === 'cancelled' || a.outcome === 'client_disconnected');
  if (abandoned.length === 0) return;
  const tokens = promptTokens();
  let cost: number | null = 0;
  for (const a of abandoned) {
    billPromptOnly(ctx, rt, a, tokens);
    cost = a.costMicros === null || cost === null ? null : cost + a.costMicros;
  }
  ctx.usage = { ...emptyUsage(), inputUncached: tokens * abandoned.length };
  ctx.usageSource = 'estimated';
  ctx.costMicros = cost;
}
