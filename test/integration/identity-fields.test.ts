import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startEmulator, type Emulator } from '../emulator/server.ts';
import { startGatewayFromYaml, type YamlGateway } from './gateway-harness.ts';

const KEY = 'identity-fields-upstream-key';

describe('identity path: only fields the upstream accepts are forwarded', () => {
  const emus: Record<string, Emulator> = {};
  let gw: YamlGateway;

  before(async () => {
    emus.oai = await startEmulator({ apiKey: KEY, quiet: true });
    emus.vllm = await startEmulator({ apiKey: KEY, quiet: true });
    emus.ant = await startEmulator({ provider: 'anthropic', apiKey: KEY, quiet: true });
    gw = await startGatewayFromYaml(`providers:
  oai: { type: openai, base_url: ${emus.oai.url}/v1, api_key: ${KEY} }
  vllm:
    type: openai-compatible
    base_url: ${emus.vllm.url}/v1
    api_key: ${KEY}
    extra_body_fields: [top_k, repetition_penalty]
  ant: { type: anthropic, base_url: ${emus.ant.url}/v1, api_key: ${KEY} }
models:
  gpt-4o-mini: oai/gpt-4o-mini
  text-embedding-3-small: oai/text-embedding-3-small
  local: vllm/llama-3-8b
  mixed:
    targets: [oai/gpt-4o-mini, ant/claude-sonnet-4-5]
`);
  });

  after(async () => {
    await gw?.close();
    await Promise.all(Object.values(emus).map((e) => e.close()));
  });

  const post = (path: string, body: unknown) => fetch(gw.gateway.url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${gw.secret}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const chat = (model: string, extra: Record<string, unknown> = {}) => ({ model, messages: [{ role: 'user', content: 'hi [emu tokens=2]' }], ...extra });

  test('an unknown top-level field on an openai route gets a 400 naming it, and nothing goes upstream', async () => {
    const before = emus.oai.log.count();
    for (const stream of [false, true]) {
      const res = await post('/v1/chat/completions', chat('gpt-4o-mini', { stream, api_base: 'http://169.254.169.254/' }));
      assert.equal(res.status, 400);
      const { error } = (await res.json()) as { error: { code: string; param: string; message: string; type: string } };
      assert.equal(error.code, 'unknown_field');
      assert.equal(error.param, 'api_base');
      assert.equal(error.type, 'invalid_request_error');
      assert.match(error.message, /unknown field "api_base"/);
    }
    const vendor = await post('/v1/chat/completions', chat('gpt-4o-mini', { top_k: 3 }));
    assert.equal(vendor.status, 400);
    assert.equal(((await vendor.json()) as { error: { param: string } }).error.param, 'top_k');
    assert.equal(emus.oai.log.count(), before);
  });

  test('the official SDK with every common option, and the routing fields, still pass', async () => {
    const client = new OpenAI({ baseURL: gw.gateway.url + '/v1', apiKey: gw.secret, maxRetries: 0 });
    const r = await client.chat.completions.create({
      model: 'gpt-4o-mini', messages: [{ role: 'system', content: 's' }, { role: 'user', content: 'hi' }],
      temperature: 0.5, top_p: 1, max_completion_tokens: 20, seed: 1, stop: ['zz'], user: 'u', n: 1,
      presence_penalty: 0, frequency_penalty: 0, logprobs: false, parallel_tool_calls: true, store: false, metadata: { a: 'b' },
      tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object', properties: {} } } }], tool_choice: 'auto',
    });
    assert.equal(r.object, 'chat.completion');
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } });
    let chunks = 0;
    for await (const chunk of stream) chunks += chunk ? 1 : 0;
    assert.ok(chunks > 1);
    const routed = await post('/v1/chat/completions', chat('gpt-4o-mini', { models: ['local'], provider: { allow_fallbacks: true } }));
    assert.equal(routed.status, 200);
  });

  test('an openai-compatible upstream also gets the fields its operator lists, and nothing else', async () => {
    const ok = await post('/v1/chat/completions', chat('local', { top_k: 40, repetition_penalty: 1.1 }));
    assert.equal(ok.status, 200);
    const sent = emus.vllm.log.last()?.body as Record<string, unknown>;
    assert.equal(sent.top_k, 40);
    assert.equal(sent.repetition_penalty, 1.1);
    const count = emus.vllm.log.count();
    for (const field of ['min_p', 'api_key', 'extra_headers']) {
      const res = await post('/v1/chat/completions', chat('local', { [field]: 1 }));
      assert.equal(res.status, 400, field);
      assert.equal(((await res.json()) as { error: { param: string } }).error.param, field);
    }
    assert.equal(emus.vllm.log.count(), count);
  });

  test('a route with a translated target skips the OpenAI target that cannot take the field', async () => {
    const before = emus.oai.log.count();
    const res = await post('/v1/chat/completions', chat('mixed', { top_k: 3 }));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-switchyard-provider'), 'ant');
    assert.equal(emus.oai.log.count(), before);
    const plain = await post('/v1/chat/completions', chat('mixed'));
    assert.equal(plain.headers.get('x-switchyard-provider'), 'oai');
  });

  test('embeddings: an unknown field gets a 400 naming it', async () => {
    const res = await post('/v1/embeddings', { model: 'text-embedding-3-small', input: 'x', base_url: 'http://evil.example' });
    assert.equal(res.status, 400);
    const { error } = (await res.json()) as { error: { code: string; param: string } };
    assert.deepEqual([error.code, error.param], ['unknown_field', 'base_url']);
    const ok = await post('/v1/embeddings', { model: 'text-embedding-3-small', input: 'x', dimensions: 4, encoding_format: 'float', user: 'u' });
    assert.equal(ok.status, 200);
  });
});
