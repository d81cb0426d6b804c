import type { Usage } from '../canonical/usage.ts';
import type { ModelPrice } from './model-price.ts';

const TOKENS_PER_MTOK = 1_000_000;
const HALF_MTOK = 500_000;
const BIG_TOKENS_PER_MTOK = 1_000_000n;
const BIG_HALF_MTOK = 500_000n;

/**
 * Cost of one request in integer micro-USD, or null when the model has no price: null means
 * "unpriced" and is recorded as such, never as a silent zero.
 *
 * cost = roundHalfUp(Σ tokens × rate / 1,000,000) over the five disjoint usage counts, with
 * rates in micro-USD per million tokens. Rounding happens once, on the request total, so
 * per-component rounding can never drift a statement away from its records.
 *
 * Integer bound: each term is tokens × rate. A 2M-token request at $600 per million tokens is
 * 2e6 × 6e8 = 1.2e15, well under 2^53 ≈ 9.007e15, so the Number path is exact for any realistic
 * request. Integer products and sums of non-negative safe integers are exact in floating point
 * until they pass 2^53, and then the result is no longer a safe integer, so overflow is detected
 * after the fact and the request is recomputed with BigInt instead of being rounded.
 *
 * @throws TypeError when a token count is not a non-negative safe integer (adapters must not
 *   produce such usage; billing it would be wrong either way).
 * @throws RangeError when the cost itself exceeds `Number.MAX_SAFE_INTEGER` micros.
 */
export function computeCostMicros(usage: Usage, price: ModelPrice | undefined): number | null {
  if (price === undefined) return null;
  const inputUncached = tokenCount(usage.inputUncached, 'inputUncached');
  const inputCacheRead = tokenCount(usage.inputCacheRead, 'inputCacheRead');
  const inputCacheWrite = tokenCount(usage.inputCacheWrite, 'inputCacheWrite');
  const outputText = tokenCount(usage.outputText, 'outputText');
  const outputReasoning = tokenCount(usage.outputReasoning, 'outputReasoning');

  const scaled = inputUncached * price.inputPerMTok
    + inputCacheRead * price.cacheReadPerMTok
    + inputCacheWrite * price.cacheWritePerMTok
    + outputText * price.outputPerMTok
    + outputReasoning * price.reasoningPerMTok;
  if (Number.isSafeInteger(scaled)) {
    const remainder = scaled % TOKENS_PER_MTOK;
    const whole = (scaled - remainder) / TOKENS_PER_MTOK;
    return remainder >= HALF_MTOK ? whole + 1 : whole;
  }
  return computeWithBigInt([inputUncached, inputCacheRead, inputCacheWrite, outputText, outputReasoning], price);
}

function computeWithBigInt(counts: readonly number[], price: ModelPrice): number {
  const rates = [price.inputPerMTok, price.cacheReadPerMTok, price.cacheWritePerMTok, price.outputPerMTok, price.reasoningPerMTok];
  let scaled = 0n;
  for (let i = 0; i < counts.length; i++) scaled += BigInt(counts[i]) * BigInt(rates[i]);
  const remainder = scaled % BIG_TOKENS_PER_MTOK;
  const whole = (scaled - remainder) / BIG_TOKENS_PER_MTOK;
  const cost = remainder >= BIG_HALF_MTOK ? whole + 1n : whole;
  if (cost > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`request cost of ${cost} micro-USD exceeds the safe integer range`);
  return Number(cost);
}

function tokenCount(value: number, field: string): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new TypeError(`usage.${field} must be a non-negative safe integer, got ${value}`);
  return value;
}
