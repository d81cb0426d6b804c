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
  for (const name of MODELS) {
    assert.deepEqual(config.models[name], {
      name,
      aliases: [],
      wildcard: false,
      strategy: 'priority',
      targets: [
        {
          provider: 'openai',
          model: name,
          weight: 1,
          priority: 0,
          dataPolicy: { dataCollection: 'allow', zdr: false },
          timeouts: { connectMs: 5000, firstByteMs: 60000, idleMs: 30000, totalMs: 600000 },
        },
      ],
      retry: { attemptsPerTarget: 2, maxAttempts: 6, backoffInitialMs: 100, backoffMaxMs: 2000, maxRetryAfterMs: 10000 },
      deadlineMs: 600000,
      contextWindowFallback: true,
    });
  }
  assert.deepEqual(config.providers.openai.dataPolicy, { dataCollection: 'allow', zdr: false });
  assert.deepEqual(config.pricing, { overrides: [] });
  assert.deepEqual(config.routing, {
    breaker: { consecutiveFailures: 5, errorRate: 0.5, minRequests: 20, windowMs: 60000, openMs: 30000, maxOpenMs: 300000 },
    healthChecks: { intervalMs: 0, timeoutMs: 10000 },
  });
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
