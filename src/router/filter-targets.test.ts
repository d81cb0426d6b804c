import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPriceBook } from '../pricing/price-book.ts';
import { filterByPreferences, type Exclusion } from './filter-targets.ts';
import type { ProviderPreferences } from './router-types.ts';
import { keys, route, target } from './test-routes.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
const prices = createPriceBook(
  { version: 't', currency: 'USD', prices: [
    { provider: 'openai', model: 'gpt-4o', effectiveFrom: '2024-08-06', inputPerMTok: 2_500_000, outputPerMTok: 10_000_000, source: 's' },
    { provider: 'openai', model: 'gpt-4o-mini', effectiveFrom: '2024-07-18', inputPerMTok: 150_000, outputPerMTok: 600_000, source: 's' },
  ] },
  [],
  { openai: 'openai', azure: 'openai', local: undefined },
);

const targets = route('m', [
  target('openai/gpt-4o'),
  target('azure/gpt-4o', { dataPolicy: { dataCollection: 'deny', zdr: true } }),
  target('openai/gpt-4o-mini', { dataPolicy: { dataCollection: 'deny', zdr: false } }),
  target('local/llama'),
]).targets;

function run(prefs: Partial<ProviderPreferences>): { kept: string[]; excluded: Exclusion[]; same: boolean } {
  const excluded: Exclusion[] = [];
  const out = filterByPreferences(targets, { allowFallbacks: true, dataCollection: 'allow', zdr: false, ...prefs }, prices, NOW, excluded);
  return { kept: keys(out), excluded, same: out === targets };
}

test('nothing to exclude returns the same array', () => {
  const { kept, excluded, same } = run({ sort: 'price' });
  assert.equal(same, true);
  assert.equal(kept.length, 4);
  assert.deepEqual(excluded, []);
});

test('only keeps the listed providers', () => {
  const { kept, excluded } = run({ only: ['azure', 'local'] });
  assert.deepEqual(kept, ['azure/gpt-4o', 'local/llama']);
  assert.deepEqual(excluded, [
    { key: 'openai/gpt-4o', reason: 'provider "openai" is not in provider.only' },
    { key: 'openai/gpt-4o-mini', reason: 'provider "openai" is not in provider.only' },
  ]);
});

test('ignore drops the listed providers', () => {
  const { kept, excluded } = run({ ignore: ['openai'] });
  assert.deepEqual(kept, ['azure/gpt-4o', 'local/llama']);
  assert.deepEqual(excluded[0], { key: 'openai/gpt-4o', reason: 'ignored by provider.ignore' });
});

test('data_collection deny keeps only targets whose data policy is deny', () => {
  const { kept, excluded } = run({ dataCollection: 'deny' });
  assert.deepEqual(kept, ['azure/gpt-4o', 'openai/gpt-4o-mini']);
  assert.equal(excluded[1].reason, 'its data policy allows data collection, and provider.data_collection is deny');
});

test('zdr keeps only zero-data-retention targets', () => {
  const { kept, excluded } = run({ zdr: true });
  assert.deepEqual(kept, ['azure/gpt-4o']);
  assert.equal(excluded[0].reason, 'not a zero-data-retention target, and provider.zdr is true');
});

test('max_price drops targets priced above either limit and unpriced ones', () => {
  const prompt = run({ maxPrice: { promptMicrosPerMTok: 1_000_000 } });
  assert.deepEqual(prompt.kept, ['openai/gpt-4o-mini']);
  assert.deepEqual(prompt.excluded.map((e) => `${e.key}: ${e.reason}`), [
    'openai/gpt-4o: prompt price $2.50 per million tokens is above provider.max_price.prompt ($1.00)',
    'azure/gpt-4o: prompt price $2.50 per million tokens is above provider.max_price.prompt ($1.00)',
    'local/llama: has no known price, and provider.max_price needs one',
  ]);
  const completion = run({ maxPrice: { completionMicrosPerMTok: 500_000 } });
  assert.deepEqual(completion.kept, []);
  assert.equal(completion.excluded[2].reason, 'completion price $0.60 per million tokens is above provider.max_price.completion ($0.50)');
  assert.deepEqual(run({ maxPrice: { promptMicrosPerMTok: 2_500_000, completionMicrosPerMTok: 10_000_000 } }).kept,
    ['openai/gpt-4o', 'azure/gpt-4o', 'openai/gpt-4o-mini'], 'a price equal to the limit is allowed');
});

test('a target failing several rules is excluded once, by the first', () => {
  const { excluded } = run({ ignore: ['local'], zdr: true });
  assert.deepEqual(excluded.map((e) => e.key), ['openai/gpt-4o', 'openai/gpt-4o-mini', 'local/llama']);
  assert.equal(excluded[2].reason, 'ignored by provider.ignore');
});
