import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { APIError, type OpenAI } from 'openai';
import { startHarness, type Harness } from './gateway-harness.ts';
import { chat, counts, FAST_TIMEOUTS, NO_BREAKER, providersYaml, resetEmulators, served } from './routing-helpers.ts';

type Params = OpenAI.ChatCompletionCreateParamsNonStreaming;
type StreamParams = OpenAI.ChatCompletionCreateParamsStreaming;
const messages = [{ role: 'user' as const, content: 'hi [emu tokens=1]' }];

/** The OpenRouter-style `models` and `provider` request fields, sent by the official OpenAI SDK as extra body fields. */
describe('OpenRouter-style routing fields', () => {
  let h: Harness;
  let sdk: OpenAI;
  before(async () => {
    h = await startHarness({
      emulators: 3,
      yaml: (u) => FAST_TIMEOUTS + NO_BREAKER + providersYaml(u, ['a', 'b', 'c'], {
        b: 'data_policy: { data_collection: deny }',
        c: 'data_policy: { data_collection: deny, zdr: true }',
      }) + `
models:
  chat:
    retry: { attempts_per_target: 1 }
    targets:
      - { provider: a, model: m-a, price: { input_per_mtok: "3", output_per_mtok: "12" } }
      - { provider: b, model: m-b, price: { input_per_mtok: "1", output_per_mtok: "4" } }
      - { provider: c, model: m-c, price: { input_per_mtok: "0.5", output_per_mtok: "2" } }
  mixed:
    targets: [a/no-price-model, b/m-b]
  solo:
    retry: { attempts_per_target: 1 }
    targets: [a/solo-model]
  backup:
    targets: [b/backup-model]
`,
    });
    sdk = h.openai();
  });
  beforeEach(() => resetEmulators(h));
  after(() => h.close());

  const create = (body: Record<string, unknown>) => sdk.chat.completions.create({ model: 'chat', messages, ...body } as Params).withResponse();
  const provider = async (body: Record<string, unknown>) => (await create(body)).response.headers.get('x-switchyard-provider');

  describe('models: fallback models', () => {
    test('the primary model\'s only target is down → the next model answers, and the headers say which', async () => {
      h.emulators[0].setScenario({ kind: 'down' });
      const { data, response } = await create({ model: 'solo', models: ['backup'] });
      assert.equal(response.headers.get('x-switchyard-provider'), 'b');
      assert.equal(response.headers.get('x-switchyard-model'), 'backup-model');
      assert.equal(response.headers.get('x-switchyard-attempts'), '2');
      assert.equal(data.choices[0].message.content, 'Switchyard');
      assert.deepEqual(counts(h), [1, 1, 0]);
    });

    test('streaming falls back the same way', async () => {
      h.emulators[0].setScenario({ kind: 'down' });
      const { data: stream, response } = await sdk.chat.completions
        .create({ model: 'solo', models: ['backup'], messages, stream: true } as StreamParams)
        .withResponse();
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
      assert.equal(text, 'Switchyard');
      assert.equal(response.headers.get('x-switchyard-provider'), 'b');
      assert.equal(response.headers.get('x-switchyard-model'), 'backup-model');
    });

    test('without models the same outage is an error', async () => {
      h.emulators[0].setScenario({ kind: 'down' });
      await assert.rejects(create({ model: 'solo' }), (e: unknown) => e instanceof APIError && e.status === 502 && e.code === 'upstream_unavailable');
    });

    test('model may be omitted: the first models entry is the primary', async () => {
      const { response } = await sdk.chat.completions.create({ models: ['solo', 'backup'], messages } as unknown as Params).withResponse();
      assert.equal(response.headers.get('x-switchyard-provider'), 'a');
      assert.equal(response.headers.get('x-switchyard-model'), 'solo-model');
    });

    test('an unknown fallback model is a 404 naming models', async () => {
      await assert.rejects(create({ model: 'solo', models: ['backup', 'nope'] }), (e: unknown) =>
        e instanceof APIError && e.status === 404 && e.code === 'model_not_found' && e.param === 'models'
        && /model "nope" is not configured on this gateway/.test(e.message));
      assert.deepEqual(counts(h), [0, 0, 0]);
    });

    test('bad models values are 400 invalid_models with the offending index', async () => {
      await assert.rejects(create({ models: [] }), (e: unknown) =>
        e instanceof APIError && e.status === 400 && e.code === 'invalid_models' && e.param === 'models'
        && e.message.includes('"models" must be an array of 1 to 10 model names'));
      await assert.rejects(create({ models: ['backup', 7] }), (e: unknown) =>
        e instanceof APIError && e.status === 400 && e.code === 'invalid_models' && e.param === 'models[1]');
    });
  });

  describe('provider preferences', () => {
    test('no preferences: priority order (a)', async () => {
      assert.equal(await provider({}), 'a');
    });

    test('order puts those providers first, in that order, with the rest as fallbacks', async () => {
      assert.equal(await provider({ provider: { order: ['c', 'b'] } }), 'c');
      h.emulators[2].setScenario({ kind: 'down' });
      const { response } = await create({ provider: { order: ['c', 'b'] } });
      assert.equal(response.headers.get('x-switchyard-provider'), 'b');
      assert.equal(response.headers.get('x-switchyard-attempts'), '2');
      h.emulators[1].setScenario({ kind: 'down' });
      assert.equal(await provider({ provider: { order: ['c', 'b'] } }), 'a', 'targets not in order still follow');
    });

    test('only keeps just those providers: no fallback outside them', async () => {
      assert.equal(await provider({ provider: { only: ['b'] } }), 'b');
      h.emulators[1].setScenario({ kind: 'down' });
      await assert.rejects(create({ provider: { only: ['b'] } }), (e: unknown) => e instanceof APIError && e.status === 502);
      assert.deepEqual(counts(h), [0, 2, 0]);
    });

    test('ignore skips those providers', async () => {
      assert.equal(await provider({ provider: { ignore: ['a'] } }), 'b');
      assert.equal(await provider({ provider: { ignore: ['a', 'b'] } }), 'c');
      assert.deepEqual(counts(h), [0, 1, 1]);
    });

    test('allow_fallbacks: false with order: the order provider down is an error, not a fallback', async () => {
      h.emulators[2].setScenario({ kind: 'down' });
      await assert.rejects(create({ provider: { order: ['c'], allow_fallbacks: false } }), (e: unknown) =>
        e instanceof APIError && e.status === 502 && e.code === 'upstream_unavailable');
      assert.deepEqual(counts(h), [0, 0, 1]);
      assert.equal(await provider({ provider: { order: ['c'], allow_fallbacks: true } }), 'a');
    });

    test('allow_fallbacks: false without order: only the first planned target', async () => {
      h.emulators[0].setScenario({ kind: 'down' });
      await assert.rejects(create({ provider: { allow_fallbacks: false } }), (e: unknown) => e instanceof APIError && e.status === 502);
      assert.deepEqual(counts(h), [1, 0, 0]);
    });

    test('sort: price replaces priority with cheapest first', async () => {
      assert.equal(await provider({ provider: { sort: 'price' } }), 'c');
      assert.equal(await provider({ provider: { sort: 'price', ignore: ['c'] } }), 'b');
    });

    test('max_price excludes dearer targets; a price equal to the limit is allowed', async () => {
      assert.equal(await provider({ provider: { max_price: { prompt: 1 } } }), 'b');
      assert.equal(await provider({ provider: { max_price: { prompt: '0.5', completion: 2 } } }), 'c');
      assert.equal(await provider({ provider: { max_price: { completion: 4 }, sort: 'price' } }), 'c');
    });

    test('max_price excludes unpriced targets', async () => {
      assert.equal(await provider({ model: 'mixed' }), 'a');
      assert.equal(await provider({ model: 'mixed', provider: { max_price: { prompt: 100 } } }), 'b');
    });

    test('data_collection: deny and zdr: true keep only targets whose data policy says so', async () => {
      assert.equal(await provider({ provider: { data_collection: 'deny' } }), 'b');
      assert.equal(await provider({ provider: { zdr: true } }), 'c');
      h.emulators[1].setScenario({ kind: 'down' });
      assert.equal(await provider({ provider: { data_collection: 'deny' } }), 'c');
      assert.equal(h.emulators[0].log.count(), 0, 'a (data collection allowed) is never tried');
    });

    test('preferences apply to the fallback models too: a route they empty is skipped, not an error', async () => {
      const { response } = await create({ model: 'solo', models: ['backup'], provider: { ignore: ['a'] } });
      assert.equal(response.headers.get('x-switchyard-provider'), 'b');
      assert.equal(response.headers.get('x-switchyard-model'), 'backup-model');
      assert.equal(response.headers.get('x-switchyard-attempts'), '1');
      const res = await chat(h, 'solo', { models: ['backup'], provider: { only: ['c'] } });
      assert.equal(res.status, 400);
      const { error } = (await res.json()) as { error: { message: string; code: string } };
      assert.equal(error.code, 'no_eligible_target');
      assert.equal(error.message, 'no target of "solo" matches the request\'s provider preferences ('
        + 'a/solo-model: provider "a" is not in provider.only; b/backup-model: provider "b" is not in provider.only)');
      assert.deepEqual(counts(h), [0, 1, 0]);
    });

    test('null fields and empty lists mean "no preference"', async () => {
      assert.equal(await provider({ provider: { order: [], only: null, ignore: [], sort: null, max_price: {} } }), 'a');
    });

    test('preferences that exclude every target → 400 no_eligible_target listing each target and why', async () => {
      const res = await chat(h, 'chat', { provider: { only: ['a'], zdr: true } });
      assert.equal(res.status, 400);
      const { error } = (await res.json()) as { error: { message: string; code: string; param: string; type: string } };
      assert.deepEqual(error, {
        message: 'no target of "chat" matches the request\'s provider preferences ('
          + 'a/m-a: not a zero-data-retention target, and provider.zdr is true; '
          + 'b/m-b: provider "b" is not in provider.only; '
          + 'c/m-c: provider "c" is not in provider.only)',
        type: 'invalid_request_error',
        param: 'provider',
        code: 'no_eligible_target',
      });
      const priced = await served(chat(h, 'chat', { provider: { max_price: { prompt: '0.25' } } }));
      assert.equal(priced.status, 400);
      assert.match(priced.body, /a\/m-a: prompt price \$3\.00 per million tokens is above provider\.max_price\.prompt \(\$0\.25\)/);
      assert.match(priced.body, /c\/m-c: prompt price \$0\.50 per million tokens is above provider\.max_price\.prompt \(\$0\.25\)/);
      assert.deepEqual(counts(h), [0, 0, 0]);
    });

    test('unsupported or malformed preferences → 400 invalid_provider_preferences with the exact field', async () => {
      const cases: [Record<string, unknown>, string, string][] = [
        [{ require_parameters: true }, 'provider.require_parameters',
          '"provider.require_parameters" is not supported by this gateway; "provider" accepts: order, only, ignore, allow_fallbacks, sort, max_price, data_collection, zdr'],
        [{ sort: { by: 'price' } }, 'provider.sort', '"provider.sort" must be one of price, latency, throughput'],
        [{ max_price: { request: 1 } }, 'provider.max_price.request',
          '"provider.max_price.request" is not supported: "provider.max_price" limits only "prompt" and "completion" (USD per million tokens)'],
        [{ only: 'a' }, 'provider.only', '"provider.only" must be an array of at most 50 provider ids'],
        [{ allow_fallbacks: 'no' }, 'provider.allow_fallbacks', '"provider.allow_fallbacks" must be true or false'],
        [{ data_collection: 'never' }, 'provider.data_collection', '"provider.data_collection" must be one of allow, deny'],
      ];
      for (const [prefs, param, message] of cases) {
        const res = await chat(h, 'chat', { provider: prefs });
        assert.equal(res.status, 400, JSON.stringify(prefs));
        const { error } = (await res.json()) as { error: { message: string; code: string; param: string } };
        assert.deepEqual(error, { message, type: 'invalid_request_error', param, code: 'invalid_provider_preferences' });
      }
      const viaSdk = await create({ provider: { quantizations: ['fp8'] } }).catch((e: unknown) => e);
      assert.ok(viaSdk instanceof APIError);
      assert.equal(viaSdk.status, 400);
      assert.equal(viaSdk.param, 'provider.quantizations');
      assert.equal(viaSdk.code, 'invalid_provider_preferences');
      assert.deepEqual(counts(h), [0, 0, 0]);
    });

    test('models and provider are not forwarded upstream; other fields are', async () => {
      await create({ models: ['backup'], provider: { order: ['a'] }, user: 'user-1', seed: 7 });
      const body = h.emulators[0].log.last()!.body as Record<string, unknown>;
      assert.equal(body.model, 'm-a');
      assert.equal(Object.hasOwn(body, 'models'), false);
      assert.equal(Object.hasOwn(body, 'provider'), false);
      assert.equal(body.user, 'user-1');
      assert.equal(body.seed, 7);

      const res = await h.post('/v1/chat/completions', { model: 'chat', models: ['backup'], provider: { only: ['a'] }, stream: true, messages });
      assert.match(await res.text(), /\[DONE\]/);
      const streamed = h.emulators[0].log.last()!.body as Record<string, unknown>;
      assert.deepEqual(Object.keys(streamed).filter((k) => k === 'models' || k === 'provider'), []);
    });
  });
});
