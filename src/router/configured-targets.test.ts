import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ModelConfig } from '../config/types.ts';
import { ConfiguredTargets, splitTargetKey } from './configured-targets.ts';

const route = (name: string, targets: Array<[string, string]>) => ({ name, targets: targets.map(([provider, model]) => ({ provider, model })) }) as unknown as ModelConfig;

test('splits a key at the first slash', () => {
  assert.deepEqual(splitTargetKey('openrouter/meta-llama/llama-3-70b'), { provider: 'openrouter', model: 'meta-llama/llama-3-70b' });
});

test('lists concrete targets once, in config order, with every route using them', () => {
  const c = new ConfiguredTargets([
    route('fast', [['openai', 'gpt-4o-mini'], ['anthropic', 'claude-haiku']]),
    route('cheap', [['openai', 'gpt-4o-mini']]),
  ]);
  assert.deepEqual([...c.concrete], [['openai/gpt-4o-mini', ['fast', 'cheap']], ['anthropic/claude-haiku', ['fast']]]);
  assert.deepEqual(c.routesOf('anthropic/claude-haiku'), ['fast']);
  assert.equal(c.has('openai/gpt-4o'), false);
});

test('wildcard targets match the keys their requests create', () => {
  const c = new ConfiguredTargets([route('openai/*', [['openai', '*']]), route('ft/*', [['openai', 'ft:*:v2']])]);
  assert.deepEqual(c.routesOf('openai/gpt-4o'), ['openai/*']);
  assert.deepEqual(c.routesOf('openai/ft:base:v2'), ['openai/*', 'ft/*']);
  assert.equal(c.has('openai/gpt-4o'), true);
  assert.equal(c.has('anthropic/claude'), false, 'other provider');
  assert.equal(c.has('openai/'), false, 'the star stands for at least one character');
  assert.deepEqual(c.routesOf('openai/ft::v2'), ['openai/*']);
});
