import type { PriceBook } from '../../pricing/price-book.ts';
import type { PlannedTarget } from '../router-types.ts';
import { sortByScore } from './sort-by-score.ts';

/** Token counts the request is expected to use, for comparing prices across targets. */
export interface ExpectedTokens {
  input: number;
  output: number;
}

/**
 * Cheapest first for this request's expected tokens; unpriced targets last, in priority order
 * (an unknown price is not a low one).
 */
export function orderByCost(
  targets: PlannedTarget[],
  prices: PriceBook,
  now: Date,
  tokens: ExpectedTokens,
): PlannedTarget[] {
  if (targets.length < 2) return targets;
  const scores = new Array<number>(targets.length);
  for (let i = 0; i < targets.length; i++) {
    const cost = expectedCostScaled(prices, targets[i], now, tokens);
    scores[i] = cost ?? Number.POSITIVE_INFINITY;
  }
  return sortByScore(targets, scores);
}

/**
 * Expected cost in micro-USD × 1,000,000 (tokens × micro-USD per million tokens), or undefined
 * when unpriced. Comparing the unrounded integer products orders targets exactly as their
 * micro-USD costs would, without rounding two different prices into a tie on small requests.
 */
export function expectedCostScaled(prices: PriceBook, target: PlannedTarget, now: Date, tokens: ExpectedTokens): number | undefined {
  const price = prices.lookup(target.provider, target.model, now);
  if (price === undefined) return undefined;
  return tokens.input * price.inputPerMTok + tokens.output * price.outputPerMTok;
}
