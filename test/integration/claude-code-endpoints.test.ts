import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { estimateInputTokens } from '../../src/data-plane/estimate-tokens.ts';
import { providerSetups } from '../conformance/conformance-providers.ts';
import { startEmulator, type EmulatedProvider, type Emulator } from '../emulator/server.ts';
import { startGatewayFromYaml, type YamlGateway } from './gateway-harness.ts';

/** Provider types whose counting endpoint the gateway calls; the others are answered with the estimate. */
const COUNTING: ReadonlySet<EmulatedProvider> = new Set(['anthropic', 'gemini', 'vertex', 'openai']);
const COUNT_PATHS: Record<string, RegExp> = {
  anthropic: /^\/v1\/messages\/count_tokens$/,
  gemini: /^\/v1beta\/models\/gemini-2\.5-flash:countTokens$/,
  vertex: /^\/v1\/projects\/conformance-project\/locations\/us-central1\/publishers\/google\/models\/gemini-2\.5-flash:countTokens$/,
  openai: /^\/v1\/responses\/input_tokens$/,
};
const ALLOWED_BETA = 'interleaved-thinking-2025-05-14';

describe('Claude Code and client endpoints', () => {
  let g: YamlGateway;
  const emulators = new Map<string, Emulator>();
  let anthropic: Anthropic;
  let openai: OpenAI;

  before(async () => {
    const setups = providerSetups();
    const blocks: string[] = [];
    const models: string[] = [];
    for (const s of setups) {
      const emu = await startEmulator({ provider: s.provider, quiet: true, ...s.emulator });
      emulators.set(s.provider, emu);
      blocks.push(`  p-${s.provider}:\n    ${s.yaml(emu.url)}`);
      models.push(`  m-${s.provider}: p-${s.provider}/${s.upstreamModel}`);
    }
    const anthropicSetup = setups.find((s) => s.provider === 'anthropic')!;
    blocks.push(`  p-anthropic-pinned:\n    ${anthropicSetup.yaml(emulators.get('anthropic')!.url)}\n    allowed_betas: [${ALLOWED_BETA}]`);
    models.push(`  m-anthropic-pinned: p-anthropic-pinned/${anthropicSetup.upstreamModel}`);
    models.push('  "openai/*": p-openai/*');
    g = await startGatewayFromYaml(`providers:\n${blocks.join('\n')}\nmodels:\n${models.join('\n')}\n`);
    anthropic = new Anthropic({ apiKey: g.secret, baseURL: g.gateway.url, maxRetries: 0 });
    openai = new OpenAI({ apiKey: g.secret, baseURL: g.gateway.url + '/v1', maxRetries: 0 });
  });
  after(async () => {
    await g.close();
    await Promise.all([...emulators.values()].map((e) => e.close()));
  });

  const prompt = { system: 'You are terse and exact.', messages: [{ role: 'user' as const, content: 'How many tokens does this question take?' }] };

  test('messages.countTokens is forwarded to providers that count, and matches the tokens the same prompt is billed', async () => {
    for (const provider of COUNTING) {
      const emu = emulators.get(provider)!;
      const before = emu.log.entries().length;
      const counted = await anthropic.messages.countTokens({ model: `m-${provider}`, ...prompt });
      const calls = emu.log.entries().slice(before).map((e) => e.path);
      assert.ok(calls.some((p) => COUNT_PATHS[provider].test(p)), `${provider} counting endpoint called: ${calls.join(', ')}`);
      const message = await anthropic.messages.create({ model: `m-${provider}`, max_tokens: 16, ...prompt });
      assert.equal(counted.input_tokens, message.usage.input_tokens, provider);
      assert.ok(counted.input_tokens > 0);
    }
  });

  test('providers without a counting API get the documented estimate and no upstream call', async () => {
    const body = { ...prompt, tools: [{ name: 'lookup', description: 'Looks a word up', input_schema: { type: 'object' as const, properties: { word: { type: 'string' } } } }] };
    for (const provider of ['bedrock', 'azure-openai', 'mistral', 'cohere'] as const) {
      const emu = emulators.get(provider)!;
      const before = emu.log.entries().length;
      const counted = await anthropic.messages.countTokens({ model: `m-${provider}`, ...body });
      assert.equal(counted.input_tokens, estimateInputTokens(body), provider);
      assert.equal(emu.log.entries().length, before, `${provider} is not called`);
    }
  });

  test('counting takes the Messages fields Claude Code sends (thinking, tools), and reports upstream failures in Anthropic shape', async () => {
    const tools = [{ name: 'lookup', description: 'Looks a word up', input_schema: { type: 'object' as const, properties: { word: { type: 'string' } } } }];
    for (const provider of COUNTING) {
      const counted = await anthropic.messages.countTokens({ model: `m-${provider}`, ...prompt, tools, tool_choice: { type: 'auto' }, thinking: { type: 'enabled', budget_tokens: 2048 } });
      assert.ok(counted.input_tokens > 0, provider);
    }
    const failing = { ...prompt, messages: [{ role: 'user' as const, content: 'count me [emu status=500]' }] };
    await assert.rejects(anthropic.messages.countTokens({ model: 'm-anthropic', ...failing }), (e: unknown) => e instanceof Anthropic.InternalServerError && /p-anthropic/.test(e.message));
  });

  test('a count is recorded as messages.count_tokens with zero cost and no usage', async () => {
    await anthropic.messages.countTokens({ model: 'm-anthropic', ...prompt });
    await g.gateway.records.flush();
    const rec = (await g.store.records.list({ limit: 50 })).find((r) => r.endpoint === 'messages.count_tokens' && r.provider === 'p-anthropic');
    assert.ok(rec, 'a record is written');
    assert.equal(rec.status, 200);
    assert.equal(rec.costMicros, 0);
    assert.equal(rec.usageSource, 'none');
    assert.equal(rec.usage.inputUncached + rec.usage.outputText, 0);
  });

  test('count_tokens checks the key and the model like /v1/messages, in Anthropic error shapes', async () => {
    const limited = new Anthropic({ apiKey: await g.newKey({ name: 'limited', models: ['m-openai'] }), baseURL: g.gateway.url, maxRetries: 0 });
    await assert.rejects(limited.messages.countTokens({ model: 'm-anthropic', ...prompt }), (e: unknown) => e instanceof Anthropic.PermissionDeniedError);
    await assert.rejects(anthropic.messages.countTokens({ model: 'no-such-model', ...prompt }), (e: unknown) => e instanceof Anthropic.NotFoundError);
    const bad = new Anthropic({ apiKey: 'sk-sy-wrong', baseURL: g.gateway.url, maxRetries: 0 });
    await assert.rejects(bad.messages.countTokens({ model: 'm-anthropic', ...prompt }), (e: unknown) => e instanceof Anthropic.AuthenticationError);
  });

  test('every /v1/messages path answers errors in Anthropic shape', async () => {
    const cases: [string, RequestInit, number, string][] = [
      ['/v1/messages/batches', { method: 'POST', body: '{}' }, 404, 'not_found_error'],
      ['/v1/messages/batches/msgbatch_1', { method: 'GET' }, 404, 'not_found_error'],
      ['/v1/messages/', { method: 'POST', body: '{}' }, 404, 'not_found_error'],
      ['/v1/messages', { method: 'GET' }, 405, 'invalid_request_error'],
      ['/v1/messages/count_tokens', { method: 'GET' }, 405, 'invalid_request_error'],
      ['/v1/messages/count_tokens', { method: 'POST', body: '{"model":"m-anthropic","messages":"nope"}' }, 400, 'invalid_request_error'],
      ['/v1/messages/count_tokens', { method: 'POST', body: '{not json' }, 400, 'invalid_request_error'],
    ];
    for (const [path, init, status, type] of cases) {
      const res = await fetch(g.gateway.url + path, { ...init, headers: { 'x-api-key': g.secret, 'content-type': 'application/json' } });
      assert.equal(res.status, status, path);
      const body = (await res.json()) as { type: string; error: { type: string; message: string } };
      assert.equal(body.type, 'error', path);
      assert.equal(body.error.type, type, path);
      assert.ok(body.error.message.length > 0);
    }
    const unauth = await fetch(g.gateway.url + '/v1/messages/count_tokens', { method: 'POST', body: '{}' });
    assert.equal(unauth.status, 401);
    assert.deepEqual(Object.keys((await unauth.json()) as object), ['type', 'error']);
  });

  test('anthropic-beta reaches Anthropic upstreams (filtered by allowed_betas) and never other providers', async () => {
    const emu = emulators.get('anthropic')!;
    const betas = [ALLOWED_BETA, 'token-efficient-tools-2025-02-19'];
    let from = emu.log.entries().length;
    await anthropic.beta.messages.create({ model: 'm-anthropic', max_tokens: 16, betas, ...prompt });
    await anthropic.beta.messages.countTokens({ model: 'm-anthropic', betas, ...prompt, ...({ models: ['m-gemini'], provider: { order: ['p-anthropic'] } } as object) });
    const sent = emu.log.entries().slice(from);
    assert.equal(sent.length, 2);
    assert.equal(sent[0].headers['anthropic-beta'], betas.join(','));
    assert.equal(sent[1].headers['anthropic-beta'], [...betas, 'token-counting-2024-11-01'].join(','), 'the SDK adds its token-counting beta to countTokens');
    assert.deepEqual(Object.keys(sent[1].body as object).sort(), ['messages', 'model', 'system'], 'routing fields are read by the gateway, not forwarded');

    from = emu.log.entries().length;
    await anthropic.beta.messages.create({ model: 'm-anthropic-pinned', max_tokens: 16, betas, ...prompt });
    await anthropic.beta.messages.countTokens({ model: 'm-anthropic-pinned', betas: ['token-efficient-tools-2025-02-19'], ...prompt });
    const pinned = emu.log.entries().slice(from);
    assert.equal(pinned.length, 2);
    assert.equal(pinned[0].headers['anthropic-beta'], ALLOWED_BETA, 'only the allowed beta passes');
    assert.equal(pinned[1].headers['anthropic-beta'], undefined, 'a beta not allowed is dropped');

    for (const provider of ['openai', 'gemini'] as const) {
      const other = emulators.get(provider)!;
      from = other.log.entries().length;
      await anthropic.beta.messages.create({ model: `m-${provider}`, max_tokens: 16, betas, ...prompt });
      for (const e of other.log.entries().slice(from)) assert.equal(e.headers['anthropic-beta'], undefined, provider);
    }

    const bad = await fetch(g.gateway.url + '/v1/messages', {
      method: 'POST',
      headers: { 'x-api-key': g.secret, 'content-type': 'application/json', 'anthropic-beta': 'ok-beta, bad beta;x' },
      body: JSON.stringify({ model: 'm-anthropic', max_tokens: 16, ...prompt }),
    });
    assert.equal(bad.status, 400);
    const err = (await bad.json()) as { type: string; error: { type: string; message: string } };
    assert.equal(err.type, 'error');
    assert.match(err.error.message, /anthropic-beta header/);
  });

  test('models.retrieve returns a model the key may use, 404 model_not_found otherwise, 400 for a name that breaks the rule', async () => {
    const m = await openai.models.retrieve('m-openai');
    assert.deepEqual({ id: m.id, object: m.object, owned_by: m.owned_by }, { id: 'm-openai', object: 'model', owned_by: 'p-openai' });
    assert.equal(typeof m.created, 'number');
    const wildcard = await openai.models.retrieve('openai/gpt-4o');
    assert.equal(wildcard.id, 'openai/gpt-4o');
    const notFound = (e: unknown) => e instanceof OpenAI.NotFoundError && (e.error as { code?: string }).code === 'model_not_found';
    await assert.rejects(openai.models.retrieve('no-such-model'), notFound);
    const limited = new OpenAI({ apiKey: await g.newKey({ name: 'one-model', models: ['m-openai'] }), baseURL: g.gateway.url + '/v1', maxRetries: 0 });
    assert.equal((await limited.models.retrieve('m-openai')).id, 'm-openai');
    await assert.rejects(limited.models.retrieve('m-anthropic'), notFound, 'a model outside the allow-list looks like one that does not exist');
    await assert.rejects(openai.models.retrieve('bad name\r\nx'), (e: unknown) => e instanceof OpenAI.BadRequestError && (e.error as { code?: string }).code === 'invalid_model_name');
    await assert.rejects(new OpenAI({ apiKey: 'sk-sy-wrong', baseURL: g.gateway.url + '/v1', maxRetries: 0 }).models.retrieve('m-openai'), OpenAI.AuthenticationError);
  });
});
