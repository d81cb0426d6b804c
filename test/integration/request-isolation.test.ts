import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { providerSetups } from '../conformance/conformance-providers.ts';
import { startEmulator, type Emulator } from '../emulator/server.ts';
import { startGatewayFromYaml, type YamlGateway } from './gateway-harness.ts';

/**
 * Hostile model names and hostile upstream answers end one request each (a 400, or a served answer
 * with a sanitized header), and the same gateway keeps serving. The gateway runs in this process
 * without any process-level safety net, so an unhandled rejection fails the test run.
 */
const PATH_PROVIDERS = ['openai', 'anthropic', 'gemini', 'vertex', 'bedrock', 'azure-openai'] as const;

describe('no request stops the gateway', () => {
  let g: YamlGateway;
  const emulators = new Map<string, Emulator>();

  before(async () => {
    const setups = providerSetups().filter((s) => (PATH_PROVIDERS as readonly string[]).includes(s.provider));
    let providers = '';
    for (const s of setups) {
      const emu = await startEmulator({ ...s.emulator, provider: s.provider, quiet: true });
      emulators.set(s.provider, emu);
      providers += `  ${s.provider}:\n    ${s.yaml(emu.url)}\n`;
    }
    const wildcards = setups.map((s) => `  ${s.provider}/*: ${s.provider}/*\n  ${s.provider}-*: ${s.provider}/*\n`).join('');
    g = await startGatewayFromYaml(`
upstream_defaults:
  timeouts: { connect_ms: 2000, first_byte_ms: 3000, idle_ms: 3000, total_ms: 10000 }
providers:
${providers}
models:
  gpt-4o-mini: openai/gpt-4o-mini
  claude: anthropic/claude-sonnet-4-5
${wildcards}`);
  });

  after(async () => {
    await g?.close();
    await Promise.all([...emulators.values()].map((e) => e.close()));
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${g.gateway.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${g.secret}`, 'content-type': 'application/json', 'anthropic-version': '2023-06-01', ...headers },
      body: JSON.stringify(body),
    });
  const chat = (model: unknown, extra: Record<string, unknown> = {}) => post('/v1/chat/completions', { model, messages: [{ role: 'user', content: 'hi' }], ...extra });

  async function stillServes(): Promise<void> {
    const res = await chat('gpt-4o-mini');
    assert.equal(res.status, 200);
    await res.arrayBuffer();
  }

  async function refusedName(res: Response, param: string): Promise<void> {
    const body = (await res.json()) as { error: { code: string; type: string; param: string; message: string } };
    assert.equal(res.status, 400);
    assert.equal(body.error.type, 'invalid_request_error');
    assert.equal(body.error.code, 'invalid_model_name');
    assert.equal(body.error.param, param);
    assert.match(body.error.message, /letters, digits and \. _ : \/ @ \+ -/);
  }

  test('a model name outside Latin-1, or with CR/LF, is a 400 invalid_model_name on every chat endpoint', async () => {
    for (const model of ['модель', 'gpt-4o-mini\r\nx-injected: 1', 'gpt-4o-mini\n', 'openai/\u{1F600}']) {
      await refusedName(await chat(model), 'model');
      await refusedName(await chat(model, { stream: true }), 'model');
      await refusedName(await post('/v1/responses', { model, input: 'hi' }), 'model');
      await refusedName(await post('/v1/embeddings', { model, input: 'hi' }), 'model');
      await refusedName(await chat('gpt-4o-mini', { models: ['gpt-4o-mini', model] }), 'models[1]');
      const messages = await post('/v1/messages', { model, max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(messages.status, 400);
      const anthropic = (await messages.json()) as { type: string; error: { type: string; message: string } };
      assert.equal(anthropic.type, 'error');
      assert.equal(anthropic.error.type, 'invalid_request_error');
      assert.match(anthropic.error.message, /not a valid model name/);
    }
    await stillServes();
  });

  test('an upstream model with CR/LF or non-ASCII is served, its header percent-encoded, nothing injected', async () => {
    for (const model of ['gpt-4o-mini', 'claude']) {
      for (const evil of ['evil\r\nx-injected:1', 'модель\u0000']) {
        for (const stream of [false, true]) {
          const res = await chat(model, { stream, messages: [{ role: 'user', content: `hi [emu response_model=${evil}]` }] });
          assert.equal(res.status, 200, `${model} ${JSON.stringify(evil)} stream=${stream}`);
          assert.equal(res.headers.get('x-injected'), null);
          const header = res.headers.get('x-switchyard-model') ?? '';
          assert.match(header, /^[\x20-\x7e]*$/);
          if (!stream) assert.ok(header.startsWith('evil%0D%0Ax-injected:1') || header.startsWith('%D0%BC'), header);
          await res.arrayBuffer();
        }
      }
    }
    await stillServes();
  });

  test('a wildcard name with "/" reaches URL-path providers as one encoded segment; a ".." remainder is a 400', async () => {
    const expected: Record<string, RegExp> = {
      gemini: /^\/v1beta\/models\/a%2Fb%2Fc:generateContent$/,
      vertex: /\/publishers\/google\/models\/a%2Fb%2Fc:generateContent$/,
      bedrock: /^\/model\/a%2Fb%2Fc\/converse$/,
      'azure-openai': /^\/openai\/deployments\/a%2Fb%2Fc\/chat\/completions$/,
    };
    for (const [provider, path] of Object.entries(expected)) {
      const emu = emulators.get(provider)!;
      const before = emu.log.entries().length;
      const res = await chat(`${provider}/a/b/c`);
      await res.arrayBuffer();
      const seen = emu.log.entries().slice(before).map((e) => e.path).filter((p) => !p.endsWith('/token'));
      assert.equal(seen.length, 1, `${provider}: one upstream call, saw ${JSON.stringify(seen)}`);
      assert.match(seen[0], path, provider);
      assert.notEqual(res.status, 500, provider);
      if (provider === 'bedrock') assert.equal(res.status, 200, 'the emulator verified the SigV4 signature of the encoded path');

      const upstreamCalls = () => emu.log.entries().filter((e) => !e.path.endsWith('/token')).length;
      const calls = upstreamCalls();
      await refusedName(await chat(`${provider}/../x`), 'model');
      const dotdot = await chat(`${provider}-..`);
      const body = (await dotdot.json()) as { error: { code: string } };
      assert.equal(dotdot.status, 400, provider);
      assert.equal(body.error.code, 'invalid_model_name');
      assert.equal(upstreamCalls(), calls, `${provider}: nothing sent upstream`);
    }
    await stillServes();
  });
});
