import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpError } from '../server/http-error.ts';
import { parseRoutingFields, withoutRoutingFields } from './provider-preferences.ts';

function rejects(body: Record<string, unknown>, code: string, param: string, message: string | RegExp): void {
  assert.throws(() => parseRoutingFields(body), (error: unknown) => {
    assert.ok(error instanceof HttpError, 'an HttpError');
    assert.equal(error.status, 400);
    assert.equal(error.type, 'invalid_request_error');
    assert.equal(error.code, code);
    assert.equal(error.param, param);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

const badPrefs = (provider: unknown, param: string, message: string | RegExp) =>
  rejects({ model: 'm', provider }, 'invalid_provider_preferences', param, message);

test('a body without routing fields has no fallbacks and no preferences', () => {
  const fields = parseRoutingFields({ model: 'gpt-4o', messages: [] });
  assert.deepEqual(fields, { models: [] });
  assert.equal(parseRoutingFields({ model: 'x' }), fields, 'one shared result, no allocation');
  assert.deepEqual(parseRoutingFields({ models: null, provider: null }), { models: [] });
});

test('models: a list of fallback names', () => {
  assert.deepEqual(parseRoutingFields({ models: ['a', 'b/c'] }).models, ['a', 'b/c']);
  assert.equal(parseRoutingFields({ models: Array(10).fill('m') }).models.length, 10);
});

test('models: bad values are rejected with what is accepted', () => {
  const whole = '"models" must be an array of 1 to 10 model names';
  rejects({ models: [] }, 'invalid_models', 'models', whole);
  rejects({ models: 'gpt-4o' }, 'invalid_models', 'models', whole);
  rejects({ models: Array(11).fill('m') }, 'invalid_models', 'models', whole);
  rejects({ models: ['a', 3] }, 'invalid_models', 'models[1]', '"models[1]" must be a model name string of 1 to 256 characters');
  rejects({ models: [''] }, 'invalid_models', 'models[0]', /models\[0\]/);
  rejects({ models: ['x'.repeat(257)] }, 'invalid_models', 'models[0]', /1 to 256 characters/);
  rejects({ models: ['ok', 'bad\r\nname'] }, 'invalid_model_name', 'models[1]', /not a valid model name/);
  rejects({ models: ['openai/../x'] }, 'invalid_model_name', 'models[0]', /".." segment/);
});

test('provider: every supported field is read', () => {
  const { provider } = parseRoutingFields({
    provider: {
      order: ['openai', 'azure'],
      only: ['openai', 'azure', 'anthropic'],
      ignore: ['local'],
      allow_fallbacks: false,
      sort: 'latency',
      max_price: { prompt: 2.5, completion: '10' },
      data_collection: 'deny',
      zdr: true,
    },
  });
  assert.deepEqual(provider, {
    order: ['openai', 'azure'],
    only: ['openai', 'azure', 'anthropic'],
    ignore: ['local'],
    allowFallbacks: false,
    sort: 'latency',
    maxPrice: { promptMicrosPerMTok: 2_500_000, completionMicrosPerMTok: 10_000_000 },
    dataCollection: 'deny',
    zdr: true,
  });
});

test('provider: defaults fill what is not given', () => {
  assert.deepEqual(parseRoutingFields({ provider: { sort: 'price' } }).provider, {
    allowFallbacks: true, dataCollection: 'allow', zdr: false, sort: 'price',
  });
  assert.deepEqual(parseRoutingFields({ provider: { sort: 'throughput' } }).provider?.sort, 'throughput');
  assert.deepEqual(parseRoutingFields({ provider: { max_price: { completion: 0 } } }).provider?.maxPrice, { completionMicrosPerMTok: 0 });
  assert.deepEqual(parseRoutingFields({ provider: { max_price: { prompt: '0.000001' } } }).provider?.maxPrice, { promptMicrosPerMTok: 1 });
});

test('provider: an object asking for nothing beyond the defaults is no preference at all', () => {
  for (const provider of [{}, { allow_fallbacks: true }, { data_collection: 'allow', zdr: false }, { order: [], only: [], ignore: [] }, { sort: null }, { max_price: {} }, { max_price: { prompt: null } }]) {
    assert.equal(parseRoutingFields({ provider }).provider, undefined, JSON.stringify(provider));
  }
});

test('provider: must be an object', () => {
  const message = '"provider" must be an object with any of: order, only, ignore, allow_fallbacks, sort, max_price, data_collection, zdr';
  badPrefs('openai', 'provider', message);
  badPrefs(['openai'], 'provider', message);
});

test('provider: bad order / only / ignore values', () => {
  for (const field of ['order', 'only', 'ignore']) {
    const param = `provider.${field}`;
    badPrefs({ [field]: 'openai' }, param, `"${param}" must be an array of at most 50 provider ids`);
    badPrefs({ [field]: Array(51).fill('p') }, param, `"${param}" must be an array of at most 50 provider ids`);
    badPrefs({ [field]: ['openai', 7] }, `${param}[1]`, `"${param}[1]" must be a provider id string (a key under "providers" in the gateway config)`);
    badPrefs({ [field]: [''] }, `${param}[0]`, /must be a provider id string/);
  }
});

test('provider: bad booleans and enums', () => {
  badPrefs({ allow_fallbacks: 'no' }, 'provider.allow_fallbacks', '"provider.allow_fallbacks" must be true or false');
  badPrefs({ zdr: 1 }, 'provider.zdr', '"provider.zdr" must be true or false');
  badPrefs({ sort: 'cheapest' }, 'provider.sort', '"provider.sort" must be one of price, latency, throughput');
  badPrefs({ sort: { by: 'price' } }, 'provider.sort', '"provider.sort" must be one of price, latency, throughput');
  badPrefs({ data_collection: 'never' }, 'provider.data_collection', '"provider.data_collection" must be one of allow, deny');
});

test('provider: bad max_price values', () => {
  badPrefs({ max_price: 5 }, 'provider.max_price', '"provider.max_price" must be an object with "prompt" and/or "completion" in USD per million tokens');
  badPrefs({ max_price: { prompt: -1 } }, 'provider.max_price.prompt', /^"provider\.max_price\.prompt" must be a non-negative number of USD per million tokens with at most 6 decimals \(.*negative/);
  badPrefs({ max_price: { completion: 'cheap' } }, 'provider.max_price.completion', /"provider\.max_price\.completion" must be a non-negative number/);
  badPrefs({ max_price: { prompt: 1e-7 } }, 'provider.max_price.prompt', /at most 6 decimals/);
  badPrefs({ max_price: { prompt: true } }, 'provider.max_price.prompt', '"provider.max_price.prompt" must be a non-negative number of USD per million tokens, such as 2.5 or "2.5"');
  for (const unit of ['request', 'image', 'audio']) {
    badPrefs({ max_price: { [unit]: 1 } }, `provider.max_price.${unit}`,
      `"provider.max_price.${unit}" is not supported: "provider.max_price" limits only "prompt" and "completion" (USD per million tokens)`);
  }
  badPrefs({ max_price: { tokens: 1 } }, 'provider.max_price.tokens', /"provider\.max_price\.tokens" is not a known limit/);
});

test('provider: OpenRouter fields this gateway does not support are refused, not ignored', () => {
  for (const field of ['require_parameters', 'quantizations', 'experimental', 'enforce_distillable_text', 'preferred_min_throughput', 'bogus']) {
    badPrefs({ [field]: true }, `provider.${field}`,
      `"provider.${field}" is not supported by this gateway; "provider" accepts: order, only, ignore, allow_fallbacks, sort, max_price, data_collection, zdr`);
  }
});

test('withoutRoutingFields keeps the same object when there is nothing to drop', () => {
  const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] };
  assert.equal(withoutRoutingFields(body), body);
});

test('withoutRoutingFields drops models and provider and keeps the rest', () => {
  const body = { model: 'gpt-4o', models: ['a'], provider: { sort: 'price' }, temperature: 0.2 };
  const stripped = withoutRoutingFields(body);
  assert.deepEqual(stripped, { model: 'gpt-4o', temperature: 0.2 });
  assert.deepEqual(Object.keys(body), ['model', 'models', 'provider', 'temperature'], 'the original body is untouched');
  assert.deepEqual(withoutRoutingFields({ model: 'x', provider: null }), { model: 'x' });
});
