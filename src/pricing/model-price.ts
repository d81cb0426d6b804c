/**
 * The resolved price of one model on one provider at one moment: what metering multiplies
 * usage by. All rates are integer micro-USD per million tokens.
 *
 * Every rate is filled in so the cost formula needs no branches: a missing cache-read or
 * cache-write price falls back to `inputPerMTok` (those tokens are input, billed at the input
 * rate unless the provider discounts or surcharges them), and a missing reasoning price falls
 * back to `outputPerMTok` (reasoning tokens are billed as output by every current provider).
 */
export interface ModelPrice {
  inputPerMTok: number;
  outputPerMTok: number;
  cacheReadPerMTok: number;
  cacheWritePerMTok: number;
  reasoningPerMTok: number;
  /** `override` when an operator's `pricing.overrides` entry matched, else `catalog`. */
  source: 'override' | 'catalog';
  /** The catalog entry's `YYYY-MM-DD`; null for overrides, which have no date. */
  effectiveFrom: string | null;
  /** The catalog version the price came from; null for overrides. */
  catalogVersion: string | null;
}
