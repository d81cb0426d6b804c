import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConfigError } from './config-error.ts';
import { parseConfigText } from './parse-config-text.ts';
import type { Config } from './types.ts';

const PROVIDERS = 'providers:\n  p: { type: openai, api_key: k }\n  q: { type: openai, api_key: k }\n';

function parse(rest: string): Config {
  const result = parseConfigText(PROVIDERS + rest, {}, 'switchyard.yaml');
  if (!result.ok) assert.fail(JSON.stringify(result.errors, null, 2));
  return result.config;
}

function errorsOf(rest: string): ConfigError[] {
  const result = parseConfigText(PROVIDERS + rest, {}, 'switchyard.yaml');
  assert.equal(result.ok, false, 'expected the config to be rejected');
  return result.ok ? [] : result.errors;
}

test('a target price becomes a provider-specific price override after the explicit ones', () => {
  const config = parse(`models:
  m:
    targets:
      - { provider: p, model: a, price: { input_per_mtok: "0.15", output_per_mtok: 0.6 } }
      - { provider: q, model: a, price: { input_per_mtok: 1, output_per_mtok: 2 } }
      - p/b
pricing:
  overrides:
    - { model: a, input_per_mtok: 9, output_per_mtok: 9 }
`);
  assert.deepEqual(config.pricing.overrides, [
    { model: 'a', inputPerMTok: '9', outputPerMTok: '9' },
    { provider: 'p', model: 'a', inputPerMTok: '0.15', outputPerMTok: '0.6' },
    { provider: 'q', model: 'a', inputPerMTok: '1', outputPerMTok: '2' },
  ]);
  assert.deepEqual(config.models.m.targets[0].price, { inputPerMTok: '0.15', outputPerMTok: '0.6' });
  assert.equal(config.models.m.targets[2].price, undefined);
});

test('the same price on several targets (written alike or not) is one override', () => {
  const config = parse(`models:
  m:
    targets: [{ provider: p, model: a, price: { input_per_mtok: "2.50", output_per_mtok: 10 } }]
  n:
    targets: [{ provider: p, model: a, price: { input_per_mtok: 2.5, output_per_mtok: "10.000" } }]
`);
  assert.deepEqual(config.pricing.overrides, [{ provider: 'p', model: 'a', inputPerMTok: '2.50', outputPerMTok: '10' }]);
  assert.deepEqual(config.models.n.targets[0].price, { inputPerMTok: '2.5', outputPerMTok: '10.000' });
});

test('a target price equal to an explicit override for the same provider and model is not repeated', () => {
  const config = parse(`models:
  m:
    targets: [{ provider: p, model: a, price: { input_per_mtok: 1, output_per_mtok: 2 } }]
pricing:
  overrides:
    - { provider: p, model: a, input_per_mtok: "1.0", output_per_mtok: 2, cache_read_per_mtok: "0.1" }
`);
  assert.deepEqual(config.pricing.overrides, [{ provider: 'p', model: 'a', inputPerMTok: '1.0', outputPerMTok: '2', cacheReadPerMTok: '0.1' }]);
});

test('a target price that differs from an explicit override is an error at the target price', () => {
  const errors = errorsOf(`models:
  m:
    targets:
      - { provider: p, model: a, price: { input_per_mtok: 1, output_per_mtok: 3 } }
pricing:
  overrides:
    - { provider: p, model: a, input_per_mtok: 1, output_per_mtok: 2 }
`);
  assert.deepEqual(
    errors.map((e) => [e.path, e.line, e.column, e.message]),
    [
      [
        'models.m.targets[0].price',
        7,
        41,
        'conflicts with the price for provider "p" model "a" at pricing.overrides[0] (input 1, output 2); one provider and model has one price, so remove one or make them equal',
      ],
    ],
  );
});

test('two targets pricing the same provider and model differently is an error at the second', () => {
  const errors = errorsOf(`models:
  m:
    targets:
      - { provider: p, model: a, price: { input_per_mtok: 1, output_per_mtok: 2 } }
      - { provider: q, model: a, price: { input_per_mtok: 5, output_per_mtok: 5 } }
  n:
    targets:
      - { provider: p, model: a, price: { input_per_mtok: "1.5", output_per_mtok: 2 } }
`);
  assert.deepEqual(
    errors.map((e) => [e.path, e.line, e.message]),
    [
      [
        'models.n.targets[0].price',
        11,
        'conflicts with the price for provider "p" model "a" at models.m.targets[0].price (input 1, output 2); one provider and model has one price, so remove one or make them equal',
      ],
    ],
  );
});

test('an override for a model on any provider does not conflict with a target price', () => {
  const config = parse(`models:
  m:
    targets: [{ provider: p, model: a, price: { input_per_mtok: 1, output_per_mtok: 2 } }]
pricing:
  overrides:
    - { model: a, input_per_mtok: 7, output_per_mtok: 8 }
`);
  assert.equal(config.pricing.overrides.length, 2);
});

test('a wildcard target cannot carry a price; a fixed target in a wildcard route can', () => {
  const errors = errorsOf(`models:
  "x-*":
    targets: [{ provider: p, model: "x-*", price: { input_per_mtok: 1, output_per_mtok: 2 } }]
`);
  assert.deepEqual(
    errors.map((e) => [e.path, e.line, e.message]),
    [['models["x-*"].targets[0].price', 6, 'a wildcard target ("*" in its model) stands for many models and cannot have a price; price them under pricing.overrides']],
  );
  const config = parse(`models:
  "x-*":
    targets: [{ provider: p, model: fixed, price: { input_per_mtok: 1, output_per_mtok: 2 } }]
`);
  assert.deepEqual(config.pricing.overrides, [{ provider: 'p', model: 'fixed', inputPerMTok: '1', outputPerMTok: '2' }]);
});

test('a target price is validated like an override price', () => {
  const errors = errorsOf(`models:
  m:
    targets: [{ provider: p, model: a, price: { input_per_mtok: "0.0000001", output_per_mtok: -1, cache_read_per_mtok: 1 } }]
`);
  assert.deepEqual(
    errors.map((e) => e.path),
    ['models.m.targets[0].price.input_per_mtok', 'models.m.targets[0].price.output_per_mtok', 'models.m.targets[0].price.cache_read_per_mtok'],
  );
  assert.match(errors[0].message, /at most 6 fractional digits/);
});
