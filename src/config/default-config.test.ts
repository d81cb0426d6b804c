import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultConfig, defaultConfigResult } from './default-config.ts';

const MODELS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1', 'gpt-4.1-mini', 'o4-mini', 'text-embedding-3-small', 'text-embedding-3-large'];

test('default config: one openai provider, the common models, server defaults', () => {
  const config = defaultConfig({ OPENAI_API_KEY: 'sk-x' });
  assert.deepEqual(Object.keys(config.providers), ['openai']);
  assert.equal(config.providers.openai.apiKey, 'sk-x');
  assert.equal(config.providers.openai.baseUrl, 'https://api.openai.com/v1');
  assert.deepEqual(Object.keys(config.models), MODELS);
  for (const name of MODELS) assert.deepEqual(config.models[name].targets, [{ provider: 'openai', model: name }]);
  assert.equal(config.server.host, '127.0.0.1');
  assert.equal(config.server.port, 4000);
});

test('default config without OPENAI_API_KEY has no key and a warning naming the variable', () => {
  const result = defaultConfigResult({});
  assert.equal(result.config.providers.openai.apiKey, undefined);
  assert.equal(result.warnings.length, 1);
  assert.match(result.warnings[0], /OPENAI_API_KEY/);
  assert.deepEqual(defaultConfigResult({ OPENAI_API_KEY: 'k' }).warnings, []);
});
