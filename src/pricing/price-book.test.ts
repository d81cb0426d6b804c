import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PriceOverride } from '../config/types.ts';
import { createPriceBook } from './price-book.ts';
import type { CatalogPrice, PriceCatalog } from './price-catalog-types.ts';

const SOURCE = 'https://example.com/pricing';

function entry(provider: string, model: string, effectiveFrom: string, rates: Partial<CatalogPrice> & { inputPerMTok: number; outputPerMTok: number }): CatalogPrice {
  return { provider, model, effectiveFrom, source: SOURCE, ...rates };
}

const catalog: PriceCatalog = {
  version: '2026-11-01',
  currency: 'USD',
  prices: [
    entry('openai', 'gpt-4o', '2024-08-06', { inputPerMTok: 2_500_000, outputPerMTok: 10_000_000, cacheReadPerMTok: 1_250_000 }),
    entry('openai', 'gpt-4o', '2024-05-13', { inputPerMTok: 5_000_000, outputPerMTok: 15_000_000 }),
    entry('openai', 'gpt-4o-2024-05-13', '2024-05-13', { inputPerMTok: 5_000_000, outputPerMTok: 15_000_000 }),
    entry('openai', 'gpt-4o-mini', '2024-07-18', { inputPerMTok: 150_000, outputPerMTok: 600_000, cacheReadPerMTok: 75_000 }),
    entry('anthropic', 'claude-sonnet-4', '2025-05-22', { inputPerMTok: 3_000_000, outputPerMTok: 15_000_000, cacheReadPerMTok: 300_000, cacheWritePerMTok: 3_750_000 }),
  ],
};

const families = { openai: 'openai', 'azure-east': 'openai', anthropic: 'anthropic', 'my-vllm': undefined };
const NOW = new Date('2026-06-01T00:00:00Z');

function override(fields: Partial<PriceOverride> & { model: string }): PriceOverride {
  return { inputPerMTok: '1', outputPerMTok: '2', ...fields };
}

test('prices a catalog model on a provider of its family', () => {
  const book = createPriceBook(catalog, [], families);
  assert.deepEqual(book.lookup('openai', 'gpt-4o-mini', NOW), {
    inputPerMTok: 150_000,
    outputPerMTok: 600_000,
    cacheReadPerMTok: 75_000,
    cacheWritePerMTok: 150_000,
    reasoningPerMTok: 600_000,
    source: 'catalog',
    effectiveFrom: '2024-07-18',
    catalogVersion: '2026-11-01',
  });
  assert.equal(book.lookup('azure-east', 'gpt-4o-mini', NOW)?.inputPerMTok, 150_000, 'a gateway maps onto its family');
  assert.equal(book.catalogVersion, '2026-11-01');
});

test('fills absent cache and reasoning rates from input and output', () => {
  const price = createPriceBook(catalog, [], families).lookup('openai', 'gpt-4o-2024-05-13', NOW);
  assert.equal(price?.cacheReadPerMTok, 5_000_000);
  assert.equal(price?.cacheWritePerMTok, 5_000_000);
  assert.equal(price?.reasoningPerMTok, 15_000_000);
});

test('unknown models, unknown providers and family-less providers are unpriced', () => {
  const book = createPriceBook(catalog, [], families);
  assert.equal(book.lookup('openai', 'gpt-9', NOW), undefined);
  assert.equal(book.lookup('nobody', 'gpt-4o', NOW), undefined);
  assert.equal(book.lookup('my-vllm', 'gpt-4o', NOW), undefined);
  assert.equal(book.lookup('anthropic', 'gpt-4o', NOW), undefined, 'a model is looked up in its provider family only');
});

test('picks the entry with the latest effective date not after the request time', () => {
  const book = createPriceBook(catalog, [], families);
  assert.equal(book.lookup('openai', 'gpt-4o', new Date('2024-05-12T23:59:59.999Z')), undefined, 'before the first price');
  assert.equal(book.lookup('openai', 'gpt-4o', new Date('2024-05-13T00:00:00Z'))?.inputPerMTok, 5_000_000);
  assert.equal(book.lookup('openai', 'gpt-4o', new Date('2024-08-05T23:59:59.999Z'))?.inputPerMTok, 5_000_000);
  const cut = book.lookup('openai', 'gpt-4o', new Date('2024-08-06T00:00:00Z'));
  assert.equal(cut?.inputPerMTok, 2_500_000);
  assert.equal(cut?.effectiveFrom, '2024-08-06');
  assert.equal(book.lookup('openai', 'gpt-4o', NOW)?.outputPerMTok, 10_000_000);
  assert.equal(book.lookup('openai', 'gpt-4o', new Date(Number.NaN)), undefined);
});

test('a dated snapshot is priced as its alias unless the catalog lists it', () => {
  const book = createPriceBook(catalog, [], families);
  assert.equal(book.lookup('openai', 'gpt-4o-2024-11-20', NOW)?.inputPerMTok, 2_500_000);
  assert.equal(book.lookup('openai', 'gpt-4o-2024-05-13', NOW)?.inputPerMTok, 5_000_000, 'listed snapshot keeps its own price');
  assert.equal(book.lookup('anthropic', 'claude-sonnet-4-20250514', NOW)?.cacheWritePerMTok, 3_750_000);
  assert.equal(book.lookup('openai', 'gpt-4o-mini-2024-07-18', new Date('2024-07-01T00:00:00Z')), undefined, 'history still applies');
  assert.equal(book.lookup('openai', 'gpt-5-2025-08-07', NOW), undefined);
});

test('overrides win: provider-specific first, then any-provider, then the catalog', () => {
  const book = createPriceBook(catalog, [
    override({ model: 'gpt-4o', inputPerMTok: '9', outputPerMTok: '9' }),
    override({ provider: 'azure-east', model: 'gpt-4o', inputPerMTok: '1.1', outputPerMTok: '4.4', cacheReadPerMTok: '0.55' }),
  ], families);
  const specific = book.lookup('azure-east', 'gpt-4o', NOW);
  assert.deepEqual(specific, {
    inputPerMTok: 1_100_000,
    outputPerMTok: 4_400_000,
    cacheReadPerMTok: 550_000,
    cacheWritePerMTok: 1_100_000,
    reasoningPerMTok: 4_400_000,
    source: 'override',
    effectiveFrom: null,
    catalogVersion: null,
  });
  assert.equal(book.lookup('openai', 'gpt-4o', NOW)?.inputPerMTok, 9_000_000, 'any-provider override beats the catalog');
  assert.equal(book.lookup('openai', 'gpt-4o-mini', NOW)?.source, 'catalog');
  assert.equal(book.lookup('openai', 'gpt-4o', new Date('2020-01-01T00:00:00Z'))?.inputPerMTok, 9_000_000, 'overrides are undated');
});

test('overrides price models on openai-compatible servers the catalog cannot know', () => {
  const book = createPriceBook(catalog, [
    override({ provider: 'my-vllm', model: 'llama-3.1-8b', inputPerMTok: '0.05', outputPerMTok: '0.08', cacheReadPerMTok: '0.01', cacheWritePerMTok: '0.06', reasoningPerMTok: '0.08' }),
  ], families);
  const price = book.lookup('my-vllm', 'llama-3.1-8b', NOW);
  assert.equal(price?.inputPerMTok, 50_000);
  assert.equal(price?.cacheReadPerMTok, 10_000);
  assert.equal(price?.cacheWritePerMTok, 60_000);
  assert.equal(price?.reasoningPerMTok, 80_000);
  assert.equal(book.lookup('openai', 'llama-3.1-8b', NOW), undefined, 'a provider-scoped override stays on its provider');
});

test('returns the same frozen object on every lookup', () => {
  const book = createPriceBook(catalog, [override({ model: 'x' })], families);
  const first = book.lookup('openai', 'gpt-4o-mini', NOW);
  assert.equal(book.lookup('openai', 'gpt-4o-mini', NOW), first);
  assert.ok(Object.isFrozen(first));
  assert.ok(Object.isFrozen(book.lookup('openai', 'x', NOW)));
});

test('rejects invalid and duplicate overrides, naming the entry', () => {
  assert.throws(() => createPriceBook(catalog, [override({ model: 'a' }), override({ provider: 'openai', model: 'b', inputPerMTok: '0.0000001' })], families),
    /pricing\.overrides\[1\] \(openai\/b\)\.input_per_mtok: .*more than 6 fractional digits/);
  assert.throws(() => createPriceBook(catalog, [override({ model: 'a' }), override({ model: 'a' })], families),
    /pricing\.overrides\[1\] \(\*\/a\): duplicate price override/);
  assert.doesNotThrow(() => createPriceBook(catalog, [override({ model: 'a' }), override({ provider: 'openai', model: 'a' })], families));
});
