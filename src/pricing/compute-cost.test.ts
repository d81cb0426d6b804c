import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Usage } from '../canonical/usage.ts';
import { computeCostMicros } from './compute-cost.ts';
import type { ModelPrice } from './model-price.ts';

function price(rates: Partial<ModelPrice> & { inputPerMTok: number; outputPerMTok: number }): ModelPrice {
  return {
    cacheReadPerMTok: rates.inputPerMTok,
    cacheWritePerMTok: rates.inputPerMTok,
    reasoningPerMTok: rates.outputPerMTok,
    source: 'catalog',
    effectiveFrom: '2025-01-01',
    catalogVersion: 'test',
    ...rates,
  };
}

function usage(counts: Partial<Usage>): Usage {
  return { inputUncached: 0, inputCacheRead: 0, inputCacheWrite: 0, outputText: 0, outputReasoning: 0, ...counts };
}

const gpt4oMini = price({ inputPerMTok: 150_000, outputPerMTok: 600_000, cacheReadPerMTok: 75_000 });
const o3 = price({ inputPerMTok: 2_000_000, outputPerMTok: 8_000_000, cacheReadPerMTok: 500_000 });
const sonnet = price({ inputPerMTok: 3_000_000, outputPerMTok: 15_000_000, cacheReadPerMTok: 300_000, cacheWritePerMTok: 3_750_000 });

test('unpriced models cost null, never zero', () => {
  assert.equal(computeCostMicros(usage({ inputUncached: 1000, outputText: 10 }), undefined), null);
});

test('plain input and output', () => {
  // 1000 × 0.15 + 500 × 0.60 = 450 micro-USD
  assert.equal(computeCostMicros(usage({ inputUncached: 1000, outputText: 500 }), gpt4oMini), 450);
  assert.equal(computeCostMicros(usage({}), gpt4oMini), 0);
});

test('cache reads and reasoning tokens at their own rates', () => {
  // 1200 × 2 + 3000 × 0.5 + 400 × 8 + 2500 × 8 = 2400 + 1500 + 3200 + 20000
  assert.equal(computeCostMicros(usage({ inputUncached: 1200, inputCacheRead: 3000, outputText: 400, outputReasoning: 2500 }), o3), 27_100);
  // 10_000 gpt-4o-mini cache hits: 10_000 × 0.075 = 750
  assert.equal(computeCostMicros(usage({ inputCacheRead: 10_000 }), gpt4oMini), 750);
});

test('cache writes at the write rate', () => {
  // 50 × 3 + 10_000 × 3.75 + 20_000 × 0.3 + 800 × 15 = 150 + 37_500 + 6_000 + 12_000
  assert.equal(computeCostMicros(usage({ inputUncached: 50, inputCacheWrite: 10_000, inputCacheRead: 20_000, outputText: 800 }), sonnet), 55_650);
});

test('a large request is exact to the micro-dollar', () => {
  // 1,234,567 × 2 + 987,654 × 8 = 2,469,134 + 7,901,232
  assert.equal(computeCostMicros(usage({ inputUncached: 1_234_567, outputReasoning: 987_654 }), o3), 10_370_366);
});

test('rounds half up, once per request', () => {
  const rate = (inputPerMTok: number) => price({ inputPerMTok, outputPerMTok: inputPerMTok });
  assert.equal(computeCostMicros(usage({ inputUncached: 3 }), gpt4oMini), 0, '0.45 rounds down');
  assert.equal(computeCostMicros(usage({ inputUncached: 4 }), gpt4oMini), 1, '0.6 rounds up');
  assert.equal(computeCostMicros(usage({ inputUncached: 1 }), rate(500_000)), 1, '0.5 rounds up');
  assert.equal(computeCostMicros(usage({ inputUncached: 1 }), rate(499_999)), 0, '0.499999 rounds down');
  assert.equal(computeCostMicros(usage({ inputUncached: 1 }), rate(1_500_000)), 2, '1.5 rounds up, not to even');
  assert.equal(computeCostMicros(usage({ inputUncached: 1 }), rate(2_500_000)), 3, '2.5 rounds up, not to even');
  assert.equal(computeCostMicros(usage({ inputUncached: 1, outputText: 1 }), rate(400_000)), 1, '0.4 + 0.4 rounds as a total');
});

test('falls back to BigInt when a product passes 2^53 and stays exact', () => {
  const huge = price({ inputPerMTok: 999_999_999, outputPerMTok: 500_000 });
  // 1e9 × 999,999,999 + 1 × 500,000 = 999,999,999,000,500,000 → 999,999,999,000.5 → rounds up
  assert.equal(computeCostMicros(usage({ inputUncached: 1_000_000_000, outputText: 1 }), huge), 999_999_999_001);
});

test('a cost beyond the safe integer range is an error, not a rounded number', () => {
  const huge = price({ inputPerMTok: 1_000_000_000, outputPerMTok: 0 });
  assert.throws(() => computeCostMicros(usage({ inputUncached: Number.MAX_SAFE_INTEGER }), huge), RangeError);
});

test('rejects token counts that are negative or not integers', () => {
  assert.throws(() => computeCostMicros(usage({ inputUncached: -1 }), gpt4oMini), /usage.inputUncached must be a non-negative safe integer/);
  assert.throws(() => computeCostMicros(usage({ outputText: 1.5 }), gpt4oMini), /usage.outputText/);
  assert.throws(() => computeCostMicros(usage({ outputReasoning: Number.NaN }), gpt4oMini), /usage.outputReasoning/);
});
