import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { loadPriceCatalog, shippedPriceCatalogUrl } from './load-price-catalog.ts';
import { createPriceBook } from './price-book.ts';
import type { CatalogPrice } from './price-catalog-types.ts';

const FAMILIES = ['openai', 'anthropic', 'google', 'mistral', 'cohere'];
const NOW = new Date('2026-11-01T00:00:00Z');

test('the shipped catalog parses: every entry valid, no duplicate (provider, model, effective_from)', async () => {
  const catalog = await loadPriceCatalog();
  assert.equal(catalog.version, '2026-11-01');
  const raw = JSON.parse(await readFile(shippedPriceCatalogUrl(), 'utf8')) as { prices: unknown[] };
  assert.equal(catalog.prices.length, raw.prices.length);
});

test('every shipped entry is from a known family, sourced, and internally consistent', async () => {
  const catalog = await loadPriceCatalog();
  for (const price of catalog.prices) {
    const name = `${price.provider}/${price.model} from ${price.effectiveFrom}`;
    assert.ok(FAMILIES.includes(price.provider), name);
    assert.ok(price.source.startsWith('https://'), name);
    assert.ok(price.effectiveFrom <= catalog.version, `${name} is dated after the catalog version`);
    assert.ok(price.inputPerMTok > 0, name);
    if (price.cacheReadPerMTok !== undefined) assert.ok(price.cacheReadPerMTok < price.inputPerMTok, `${name}: cache hits are a discount`);
    if (price.cacheWritePerMTok !== undefined) assert.ok(price.cacheWritePerMTok >= price.inputPerMTok, `${name}: cache writes cost at least input`);
  }
});

test('covers the major models of every family', async () => {
  const catalog = await loadPriceCatalog();
  const listed = new Set(catalog.prices.map((price) => `${price.provider}/${price.model}`));
  const expected = [
    'openai/gpt-4o', 'openai/gpt-4o-mini', 'openai/gpt-4.1', 'openai/gpt-4.1-mini', 'openai/gpt-4.1-nano', 'openai/o1', 'openai/o3',
    'openai/o3-mini', 'openai/o4-mini', 'openai/gpt-5', 'openai/gpt-5-mini', 'openai/gpt-5-nano', 'openai/text-embedding-3-small',
    'openai/text-embedding-3-large', 'openai/text-embedding-ada-002',
    'anthropic/claude-opus-4-1', 'anthropic/claude-opus-4', 'anthropic/claude-sonnet-4', 'anthropic/claude-sonnet-4-5',
    'anthropic/claude-3-7-sonnet', 'anthropic/claude-3-5-haiku', 'anthropic/claude-haiku-4-5',
    'google/gemini-2.5-pro', 'google/gemini-2.5-flash', 'google/gemini-2.5-flash-lite', 'google/gemini-2.0-flash', 'google/gemini-embedding-001',
    'mistral/mistral-large-latest', 'mistral/mistral-small-latest', 'mistral/mistral-embed',
    'cohere/command-a-03-2025', 'cohere/command-r-plus-08-2024', 'cohere/command-r-08-2024', 'cohere/embed-english-v3.0',
  ];
  for (const key of expected) assert.ok(listed.has(key), key);
});

test('prices resolve as published', async () => {
  const book = createPriceBook(await loadPriceCatalog(), [], Object.fromEntries(FAMILIES.map((family) => [family, family])));
  const rates = (provider: string, model: string, at = NOW): Partial<CatalogPrice> | undefined => {
    const price = book.lookup(provider, model, at);
    return price && { inputPerMTok: price.inputPerMTok, outputPerMTok: price.outputPerMTok, cacheReadPerMTok: price.cacheReadPerMTok, cacheWritePerMTok: price.cacheWritePerMTok };
  };
  assert.deepEqual(rates('openai', 'gpt-4o-mini'), { inputPerMTok: 150_000, outputPerMTok: 600_000, cacheReadPerMTok: 75_000, cacheWritePerMTok: 150_000 });
  assert.equal(rates('openai', 'gpt-4o', new Date('2024-07-01T00:00:00Z'))?.inputPerMTok, 5_000_000);
  assert.equal(rates('openai', 'gpt-4o', new Date('2024-08-06T00:00:00Z'))?.inputPerMTok, 2_500_000);
  assert.equal(rates('openai', 'gpt-4o-2024-05-13')?.inputPerMTok, 5_000_000, 'the launch snapshot kept its launch price');
  assert.equal(rates('openai', 'gpt-4o-2024-11-20')?.outputPerMTok, 10_000_000);
  assert.equal(rates('openai', 'o3-2025-04-16', new Date('2025-05-01T00:00:00Z'))?.inputPerMTok, 10_000_000);
  assert.equal(rates('openai', 'o3-2025-04-16')?.inputPerMTok, 2_000_000, 'o3 price cut of 2025-06-10');
  assert.deepEqual(rates('anthropic', 'claude-sonnet-4-5-20250929'), { inputPerMTok: 3_000_000, outputPerMTok: 15_000_000, cacheReadPerMTok: 300_000, cacheWritePerMTok: 3_750_000 });
  assert.equal(rates('anthropic', 'claude-opus-4-1-20250805')?.cacheWritePerMTok, 18_750_000);
  assert.equal(rates('anthropic', 'claude-opus-4-20250514')?.outputPerMTok, 75_000_000);
  assert.equal(rates('google', 'gemini-2.5-pro')?.cacheReadPerMTok, 125_000);
  assert.equal(rates('cohere', 'command-r7b-12-2024')?.inputPerMTok, 37_500);
  assert.equal(rates('mistral', 'mistral-small-latest', new Date('2025-12-01T00:00:00Z'))?.inputPerMTok, 100_000);
  assert.equal(rates('mistral', 'mistral-small-latest')?.inputPerMTok, 150_000);
});
