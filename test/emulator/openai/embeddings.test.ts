import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type OpenAI from 'openai';
import { startEmulator } from '../server.ts';
import type { Emulator } from '../server.ts';
import { openAIClient, postJson } from '../test-clients.ts';

function decodeFloat32(base64: string): number[] {
  const bytes = Buffer.from(base64, 'base64');
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i += 4) out.push(bytes.readFloatLE(i));
  return out;
}

describe('POST /v1/embeddings', () => {
  let emulator: Emulator;
  let client: OpenAI;
  before(async () => {
    emulator = await startEmulator();
    client = openAIClient(emulator);
  });
  after(() => emulator.close());

  it('returns deterministic unit vectors of 8 dimensions by default, with word-count usage', async () => {
    const result = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['hello world', 'one two three'], encoding_format: 'float' });
    assert.equal(result.object, 'list');
    assert.equal(result.model, 'text-embedding-3-small');
    assert.deepEqual(result.usage, { prompt_tokens: 5, total_tokens: 5 });
    assert.deepEqual(result.data.map((d) => [d.object, d.index, d.embedding.length]), [['embedding', 0, 8], ['embedding', 1, 8]]);
    const norm = Math.sqrt(result.data[0].embedding.reduce((sum, v) => sum + v * v, 0));
    assert.ok(Math.abs(norm - 1) < 1e-6);
    const again = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'hello world', encoding_format: 'float' });
    assert.deepEqual(again.data[0].embedding, result.data[0].embedding);
    assert.notDeepEqual(result.data[1].embedding, result.data[0].embedding);
  });

  it('encodes base64 as little-endian float32 carrying the same values as float', async () => {
    const float = await client.embeddings.create({ model: 'm', input: 'same text', dimensions: 5, encoding_format: 'float' });
    const raw = await postJson(emulator, '/v1/embeddings', { model: 'm', input: 'same text', dimensions: 5, encoding_format: 'base64' });
    const body = (await raw.json()) as { data: Array<{ embedding: string }> };
    assert.equal(typeof body.data[0].embedding, 'string');
    assert.deepEqual(decodeFloat32(body.data[0].embedding), float.data[0].embedding);
    const sdkDefault = await client.embeddings.create({ model: 'm', input: 'same text', dimensions: 5 });
    assert.deepEqual(sdkDefault.data[0].embedding, float.data[0].embedding);
    assert.equal((emulator.log.last()?.body as { encoding_format?: string }).encoding_format, 'base64');
  });

  it('accepts token arrays and strips directive markers before embedding', async () => {
    const tokens = await client.embeddings.create({ model: 'm', input: [[1, 2, 3], [4]], encoding_format: 'float' });
    assert.deepEqual(tokens.usage, { prompt_tokens: 4, total_tokens: 4 });
    const single = await client.embeddings.create({ model: 'm', input: [5, 6], encoding_format: 'float' });
    assert.equal(single.data.length, 1);
    assert.equal(single.usage.prompt_tokens, 2);
    const plain = await client.embeddings.create({ model: 'm', input: 'abc', encoding_format: 'float' });
    const marked = await client.embeddings.create({ model: 'm', input: 'abc[emu latency_ms=1]', encoding_format: 'float' });
    assert.deepEqual(marked.data[0].embedding, plain.data[0].embedding);
    assert.equal(marked.usage.prompt_tokens, 1);
    assert.deepEqual(emulator.log.last()?.directives, { latency_ms: 1 });
  });

  it('applies fault directives from the input text', async () => {
    await assert.rejects(client.embeddings.create({ model: 'm', input: ['a', 'b [emu status=500]'] }), { status: 500, type: 'server_error' });
  });

  it('rejects missing input and bad dimensions', async () => {
    const missing = await postJson(emulator, '/v1/embeddings', { model: 'm' });
    assert.equal(missing.status, 400);
    assert.deepEqual(await missing.json(), {
      error: { message: "Missing required parameter: 'input'.", type: 'invalid_request_error', param: 'input', code: 'missing_required_parameter' },
    });
    await assert.rejects(client.embeddings.create({ model: 'm', input: 'x', dimensions: 0 }), { status: 400, param: 'dimensions' });
    await assert.rejects(client.embeddings.create({ model: 'm', input: [] }), { status: 400, param: 'input' });
  });
});
