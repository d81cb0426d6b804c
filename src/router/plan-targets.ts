import type { PriceBook } from '../pricing/price-book.ts';
import { applyProviderOrder } from './apply-provider-order.ts';
import { filterByPreferences, type Exclusion } from './filter-targets.ts';
import type { HealthView, PlannedTarget, ProviderPreferences, ResolvedRoute } from './router-types.ts';
import { effectiveStrategy, orderTargets, type OrderingInputs } from './strategies/order-targets.ts';

export type { Exclusion } from './filter-targets.ts';

export interface PlanRequest {
  /** The requested model's route, then one per `models: [...]` fallback, in order. */
  routes: ResolvedRoute[];
  preferences?: ProviderPreferences;
  stream: boolean;
  /** Token counts used to compare prices (`cost` strategy, `provider.sort: price`). */
  expectedTokens: { input: number; output: number };
}

export interface PlanContext {
  health: HealthView;
  prices: PriceBook;
  /** [0, 1), like `Math.random`; injected so weighted routing is testable. */
  random: () => number;
  now: Date;
}

export interface Plan {
  /** Targets in the order the executor should try them; may share arrays with the route table, so never mutate. */
  targets: PlannedTarget[];
  /** Targets the request's preferences ruled out, for the error message when `targets` is empty. */
  excluded: readonly Exclusion[];
}

const NO_EXCLUSIONS: readonly Exclusion[] = Object.freeze([]);

/**
 * The ordered targets for one request. Per route: drop what the preferences rule out, order by
 * the route's strategy (or `provider.sort`), apply `provider.order` / `allow_fallbacks`, then move
 * targets whose breaker is not letting requests through behind the others. Routes are then
 * concatenated, each key appearing once (its first place wins). Breakers are not filtered here:
 * the executor skips what is unavailable when it gets there.
 *
 * Pure and synchronous; runs per request, so the common shapes (one route, no preferences,
 * nothing to reorder) return the route's own target array without allocating.
 */
export function planTargets(req: PlanRequest, ctx: PlanContext): Plan {
  const { routes, preferences } = req;
  if (routes.length === 1 && preferences === undefined && routes[0].targets.length === 1) {
    return { targets: routes[0].targets, excluded: NO_EXCLUSIONS };
  }
  const excluded: Exclusion[] | undefined = preferences === undefined ? undefined : [];
  const inputs: OrderingInputs = { ...ctx, stream: req.stream, expectedTokens: req.expectedTokens };
  if (routes.length === 1) {
    return { targets: planRoute(routes[0], preferences, inputs, excluded), excluded: excluded ?? NO_EXCLUSIONS };
  }

  const targets: PlannedTarget[] = [];
  const seen = new Set<string>();
  for (const route of routes) {
    for (const target of planRoute(route, preferences, inputs, excluded)) {
      if (seen.has(target.key)) continue;
      seen.add(target.key);
      targets.push(target);
    }
  }
  return { targets, excluded: excluded === undefined ? NO_EXCLUSIONS : uniqueByKey(excluded, seen) };
}

function planRoute(
  route: ResolvedRoute,
  preferences: ProviderPreferences | undefined,
  inputs: OrderingInputs,
  excluded: Exclusion[] | undefined,
): PlannedTarget[] {
  let targets: PlannedTarget[] = route.targets;
  if (preferences !== undefined && excluded !== undefined) {
    targets = filterByPreferences(targets, preferences, inputs.prices, inputs.now, excluded);
  }
  targets = orderTargets(targets, effectiveStrategy(route.config.strategy, preferences?.sort), inputs);
  if (preferences !== undefined && excluded !== undefined) targets = applyProviderOrder(targets, preferences, excluded);
  return demoteUnavailable(targets, inputs.health);
}

/** Available targets first, then the rest, each group in its current order. */
function demoteUnavailable(targets: PlannedTarget[], health: HealthView): PlannedTarget[] {
  let firstDown = -1;
  for (let i = 0; i < targets.length; i++) {
    if (!health.available(targets[i].key)) {
      firstDown = i;
      break;
    }
  }
  if (firstDown < 0) return targets;
  const up = targets.slice(0, firstDown);
  const down: PlannedTarget[] = [targets[firstDown]];
  for (let i = firstDown + 1; i < targets.length; i++) {
    if (health.available(targets[i].key)) up.push(targets[i]);
    else down.push(targets[i]);
  }
  for (const target of down) up.push(target);
  return up;
}

/**
 * One reason per key, and none for a key that an earlier or later route still plans (a fallback
 * model served by the same target), so the message lists only what truly cannot serve.
 */
function uniqueByKey(excluded: Exclusion[], planned: ReadonlySet<string>): readonly Exclusion[] {
  if (excluded.length === 0) return NO_EXCLUSIONS;
  const out: Exclusion[] = [];
  const seen = new Set<string>();
  for (const exclusion of excluded) {
    if (planned.has(exclusion.key) || seen.has(exclusion.key)) continue;
    seen.add(exclusion.key);
    out.push(exclusion);
  }
  return out;
}
