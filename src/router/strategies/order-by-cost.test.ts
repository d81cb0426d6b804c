import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPriceBook } from '../../pricing/price-book.ts';
import type { PriceCatalog } from '../../pricing/price-catalog-types.ts';
import { keys, route } from '../test-routes.ts';
import { expectedCostScaled, orderByCost } from './order-by-cost.ts';

const catalog: PriceCatalog = {
  version: 'test',
  currency: 'USD',
  prices: [
    { provider: 'openai', model: 'gpt-4o', effectiveFrom: '2024-08-06', inputPerMTok: 2_500_000, outputPerMTok: 10_000_000, source: 's' },
    { provider: 'openai', model: 'gpt-4o-mini', effectiveFrom: '2024-07-18', inputPerMTok: 150_000, outputPerMTok: 600_000, source: 's' },
    { provider: 'anthropic', model: 'claude-haiku', effectiveFrom: '2024-01-01', inputPerMTok: 800_000, outputPerMTok: 4_000_000, source: 's' },
  ],
};
const prices = createPriceBook(catalog, [{ provider: 'local', model: 'llama', inputPerMTok: '0', outputPerMTok: '0' }], {
  openai: 'openai', anthropic: 'anthropic', local: undefined, vllm: undefined,
});
const NOW = new Date('2026-01-01T00:00:00Z');

test('cheapest expected cost first; unpriced last in priority order', () => {
  const r = route('m', ['vllm/mystery', 'openai/gpt-4o', 'anthropic/claude-haiku', 'vllm/other', 'openai/gpt-4o-mini', 'local/llama']);
  const order = orderByCost(r.targets, prices, NOW, { input: 1000, output: 1000 });
  assert.deepEqual(keys(order), ['local/llama', 'openai/gpt-4o-mini', 'anthropic/claude-haiku', 'openai/gpt-4o', 'vllm/mystery', 'vllm/other']);
});

test('the expected token mix decides between input-heavy and output-heavy prices', () => {
  const book = createPriceBook({ version: 't', currency: 'USD', prices: [] }, [
    { provider: 'p', model: 'cheap-in', inputPerMTok: '1', outputPerMTok: '10' },
    { provider: 'p', model: 'cheap-out', inputPerMTok: '5', outputPerMTok: '2' },
  ], { p: undefined });
  const r = route('m', ['p/cheap-out', 'p/cheap-in']);
  assert.deepEqual(keys(orderByCost(r.targets, book, NOW, { input: 10_000, output: 100 })), ['p/cheap-in', 'p/cheap-out']);
  assert.deepEqual(keys(orderByCost(r.targets, book, NOW, { input: 100, output: 10_000 })), ['p/cheap-out', 'p/cheap-in']);
});

test('expected cost is exact integer math in micro-USD x 1e6', () => {
  const [mini] = route('m', ['openai/gpt-4o-mini']).targets;
  // 1000 × 0.15 + 500 × 0.60 = 450 micro-USD
  assert.equal(expectedCostScaled(prices, mini, NOW, { input: 1000, output: 500 }), 450 * 1_000_000);
  const [unpriced] = route('m', ['vllm/x']).targets;
  assert.equal(expectedCostScaled(prices, unpriced, NOW, { input: 1, output: 1 }), undefined);
});

test('tiny requests still tell prices apart (no rounding to whole micros)', () => {
  const book = createPriceBook({ version: 't', currency: 'USD', prices: [] }, [
    { provider: 'p', model: 'a', inputPerMTok: '0.15', outputPerMTok: '0.15' },
    { provider: 'p', model: 'b', inputPerMTok: '0.10', outputPerMTok: '0.10' },
  ], { p: undefined });
  assert.deepEqual(keys(orderByCost(route('m', ['p/a', 'p/b']).targets, book, NOW, { input: 1, output: 1 })), ['p/b', 'p/a']);
});
