import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyProviderOrder } from './apply-provider-order.ts';
import type { Exclusion } from './filter-targets.ts';
import type { ProviderPreferences } from './router-types.ts';
import { keys, route } from './test-routes.ts';

const targets = route('m', ['openai/a', 'azure/a', 'local/a', 'openai/b', 'azure/b']).targets;

function run(prefs: Partial<ProviderPreferences>): { kept: string[]; excluded: Exclusion[] } {
  const excluded: Exclusion[] = [];
  const out = applyProviderOrder(targets, { allowFallbacks: true, dataCollection: 'allow', zdr: false, ...prefs }, excluded);
  return { kept: keys(out), excluded };
}

test('order puts the listed providers first, in that order, keeping strategy order within each', () => {
  assert.deepEqual(run({ order: ['azure', 'local'] }).kept, ['azure/a', 'azure/b', 'local/a', 'openai/a', 'openai/b']);
});

test('order names that match nothing, or repeat, change nothing else', () => {
  assert.deepEqual(run({ order: ['nobody', 'local', 'local'] }).kept, ['local/a', 'openai/a', 'azure/a', 'openai/b', 'azure/b']);
});

test('allow_fallbacks false with order keeps only the listed providers', () => {
  const { kept, excluded } = run({ order: ['azure'], allowFallbacks: false });
  assert.deepEqual(kept, ['azure/a', 'azure/b']);
  assert.deepEqual(excluded.map((e) => `${e.key}: ${e.reason}`), [
    'openai/a: provider "openai" is not in provider.order, and provider.allow_fallbacks is false',
    'local/a: provider "local" is not in provider.order, and provider.allow_fallbacks is false',
    'openai/b: provider "openai" is not in provider.order, and provider.allow_fallbacks is false',
  ]);
});

test('allow_fallbacks false without order keeps only the first target', () => {
  const { kept, excluded } = run({ allowFallbacks: false });
  assert.deepEqual(kept, ['openai/a']);
  assert.equal(excluded.length, 4);
  assert.equal(excluded[0].reason, 'provider.allow_fallbacks is false, so only the first target (openai/a) is tried');
});

test('without order and with fallbacks allowed the input comes back as is', () => {
  const excluded: Exclusion[] = [];
  assert.equal(applyProviderOrder(targets, { allowFallbacks: true, dataCollection: 'allow', zdr: false, sort: 'price' }, excluded), targets);
});
