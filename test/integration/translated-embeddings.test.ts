import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { startEmulator, type Emulator } from '../emulator/server.ts';
import { startGatewayFromYaml, type YamlGateway } from './gateway-harness.ts';

const KEY = 'emb-upstream-key';
const AWS = { accessKeyId: 'AKIDEMBEDDINGS', secretAccessKey: 'embeddings/secret' };

describe('embeddings through provider adapters (answered in OpenAI shape)', () => {
  const emus: Record<string, Emulator> = {};
  let gw: YamlGateway;
  let client: OpenAI;

  before(async () => {
    emus.gemini = await startEmulator({ provider: 'gemini', apiKey: KEY, quiet: true });
    emus.bedrock = await startEmulator({ provider: 'bedrock', aws: AWS, quiet: true });
    emus.cohere = await startEmulator({ provider: 'cohere', apiKey: KEY, quiet: true });
    emus.mistral = await startEmulator({ provider: 'mistral', apiKey: KEY, quiet: true });
    const yaml = `providers:
  gemini: { type: gemini, base_url: ${emus.gemini.url}/v1beta, api_key: ${KEY} }
  bedrock:
    type: bedrock
    base_url: ${emus.bedrock.url}
    region: us-east-1
    aws: { access_key_id: ${AWS.accessKeyId}, secret_access_key: ${AWS.secretAccessKey} }
  cohere: { type: cohere, base_url: ${emus.cohere.url}/v2, api_key: ${KEY} }
  mistral: { type: mistral, base_url: ${emus.mistral.url}/v1, api_key: ${KEY} }
  anthropic: { type: anthropic, base_url: http://127.0.0.1:9/v1, api_key: ${KEY} }
models:
  gemini-embed: gemini/gemini-embedding-001
  titan-embed: bedrock/amazon.titan-embed-text-v2:0
  cohere-embed: cohere/embed-v4.0
  mistral-embed: mistral/mistral-embed
  claude: anthropic/claude-sonnet-4-5
`;
    gw = await startGatewayFromYaml(yaml);
    client = new OpenAI({ baseURL: gw.gateway.url + '/v1', apiKey: gw.secret, maxRetries: 0 });
  });

  after(async () => {
    await gw?.close();
    await Promise.all(Object.values(emus).map((e) => e.close()));
  });

  for (const model of ['gemini-embed', 'titan-embed', 'cohere-embed', 'mistral-embed']) {
    test(`${model}: three inputs → three vectors in order`, async () => {
      const res = await client.embeddings.create({ model, input: ['alpha beta', 'gamma', 'delta epsilon zeta'] });
      assert.equal(res.object, 'list');
      assert.equal(res.model, model);
      assert.deepEqual(res.data.map((d) => d.index), [0, 1, 2]);
      for (const d of res.data) assert.ok(d.embedding.length > 0);
      assert.notDeepEqual(res.data[0].embedding, res.data[1].embedding);
    });
  }

  test('Bedrock Titan takes one input per call: a batch is split and usage summed', async () => {
    emus.bedrock.log.clear();
    const res = await client.embeddings.create({ model: 'titan-embed', input: ['one two', 'three', 'four five six'] });
    assert.equal(emus.bedrock.log.entries().length, 3);
    assert.equal(res.usage.prompt_tokens, 6);
  });

  test('base64 encoding of translated vectors matches the float vectors', async () => {
    const f = await client.embeddings.create({ model: 'mistral-embed', input: 'same text' });
    const b = await client.embeddings.create({ model: 'mistral-embed', input: 'same text', encoding_format: 'base64' });
    assert.deepEqual(Array.from(new Float32Array(Uint8Array.from(Buffer.from(b.data[0].embedding as unknown as string, 'base64')).buffer)), f.data[0].embedding.map((x) => Math.fround(x)));
  });

  test('a provider without embeddings gets a clear 400', async () => {
    await assert.rejects(client.embeddings.create({ model: 'claude', input: 'x' }), (err: unknown) => (err as { status?: number }).status === 400 && /no embeddings API/.test((err as Error).message));
  });
});
