import type { RouteStrategy } from '../../config/types.ts';
import type { PriceBook } from '../../pricing/price-book.ts';
import type { HealthView, PlannedTarget, ProviderPreferences } from '../router-types.ts';
import { orderByCost, type ExpectedTokens } from './order-by-cost.ts';
import { orderByLatency, orderByLeastInFlight, orderByThroughput } from './order-by-health-stats.ts';
import { orderByPriority } from './order-by-priority.ts';
import { orderWeighted } from './order-weighted.ts';

/** A route's strategy, or `throughput`, which only a request's `provider.sort` can ask for. */
export type OrderingStrategy = RouteStrategy | 'throughput';

/** What the strategies read besides the targets. */
export interface OrderingInputs {
  health: HealthView;
  prices: PriceBook;
  random: () => number;
  now: Date;
  stream: boolean;
  expectedTokens: ExpectedTokens;
}

/** `provider.sort` replaces the route's strategy: price → cost, latency → latency, throughput → throughput. */
export function effectiveStrategy(strategy: RouteStrategy, sort: ProviderPreferences['sort']): OrderingStrategy {
  if (sort === undefined) return strategy;
  return sort === 'price' ? 'cost' : sort;
}

/** Orders one route's targets by a strategy; ties and unmeasured targets keep priority order. */
export function orderTargets(targets: PlannedTarget[], strategy: OrderingStrategy, inputs: OrderingInputs): PlannedTarget[] {
  const byPriority = orderByPriority(targets);
  switch (strategy) {
    case 'priority':
      return byPriority;
    case 'weighted':
      return orderWeighted(byPriority, inputs.random);
    case 'latency':
      return orderByLatency(byPriority, inputs.health, inputs.stream);
    case 'least-inflight':
      return orderByLeastInFlight(byPriority, inputs.health);
    case 'cost':
      return orderByCost(byPriority, inputs.prices, inputs.now, inputs.expectedTokens);
    case 'throughput':
      return orderByThroughput(byPriority, inputs.health);
  }
}
