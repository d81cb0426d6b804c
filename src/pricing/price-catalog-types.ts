/**
 * The shipped list-price catalog after validation: decimals already converted to integer
 * micro-USD per million tokens, so nothing downstream ever parses or rounds a price again.
 * Produced by `parsePriceCatalog` / `loadPriceCatalog` from `price-catalog.json`.
 */
export interface PriceCatalog {
  /** Date-shaped catalog version (e.g. "2026-11-01"), stamped on every price taken from it. */
  version: string;
  currency: 'USD';
  prices: CatalogPrice[];
}

/**
 * One list price of one model from one provider family, in force from `effectiveFrom`
 * (00:00 UTC) until the next entry for the same (provider, model). A model whose price changed
 * has one entry per price, so requests are priced at the rate that applied when they ran.
 */
export interface CatalogPrice {
  /** Catalog family (`openai`, `anthropic`, `google`, `mistral`, `cohere`), not a configured provider id. */
  provider: string;
  /** The model id as the provider's API names it, e.g. `gpt-4o-mini` or `claude-sonnet-4-5`. */
  model: string;
  /** `YYYY-MM-DD`. */
  effectiveFrom: string;
  /** Integer micro-USD per million uncached input tokens. */
  inputPerMTok: number;
  /** Integer micro-USD per million output tokens. */
  outputPerMTok: number;
  /** Integer micro-USD per million cache-hit input tokens; absent when the provider lists none. */
  cacheReadPerMTok?: number;
  /** Integer micro-USD per million cache-write input tokens (Anthropic: the 5-minute write price). */
  cacheWritePerMTok?: number;
  /** Integer micro-USD per million reasoning tokens; absent when billed as output (every current family). */
  reasoningPerMTok?: number;
  /** Public page the price was taken from, for audit. */
  source: string;
}
