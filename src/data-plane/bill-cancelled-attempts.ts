import { emptyUsage } from '../canonical/usage.ts';
import type { Runtime } from '../gateway/runtime.ts';
import { computeCostMicros } from '../pricing/compute-cost.ts';
import type { AttemptRecord } from '../store/store-types.ts';
import type { RequestContext } from './request-context.ts';

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
    const price = rt.prices.lookup(a.provider, a.model, new Date(ctx.startedAt));
    a.costMicros = computeCostMicros({ ...emptyUsage(), inputUncached: tokens }, price);
    if (a.costMicros !== null && ctx.costMicros !== null) ctx.costMicros += a.costMicros;
  }
}
