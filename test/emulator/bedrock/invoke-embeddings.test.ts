import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decodeBedrockEmbeddings, encodeBedrockEmbeddings } from '../../../src/providers/bedrock/bedrock-embeddings.ts';
import type { ProviderConfig } from '../../../src/config/types.ts';
import { startEmulator, type Emulator } from '../server.ts';
import { readJson, sendSigned, TEST_AWS, type InvokeJson } from './bedrock-test-client.ts';

describe('bedrock emulator: InvokeModel embeddings', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ provider: 'bedrock', aws: TEST_AWS, quiet: true });
  });
  after(() => emu.close());

  it('answers Titan with embedding, inputTextTokenCount and embeddingsByType; the adapter decodes it', async () => {
    const req = encodeBedrockEmbeddings({ model: 'amazon.titan-embed-text-v2:0', input: ['three little words [emu latency_ms=1]'], dimensions: 256 }, {} as ProviderConfig);
    const res = await sendSigned(emu.url, req);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-amzn-bedrock-input-token-count'), '3');
    const json = await readJson<InvokeJson>(res);
    assert.equal(json.embedding.length, 256);
    assert.deepEqual(json.embeddingsByType.float, json.embedding);
    assert.equal(json.inputTextTokenCount, 3);
    const norm = Math.sqrt(json.embedding.reduce((s, v) => s + v * v, 0));
    assert.ok(Math.abs(norm - 1) < 1e-5);
    assert.equal(decodeBedrockEmbeddings(json).usage.inputUncached, 3);
  });

  it('answers Cohere with embeddings_floats and the token count in a header', async () => {
    const req = encodeBedrockEmbeddings({ model: 'cohere.embed-english-v3', input: ['one two', 'three'] }, {} as ProviderConfig);
    const res = await sendSigned(emu.url, req);
    const json = await readJson<InvokeJson>(res);
    assert.deepEqual([json.response_type, json.texts, json.embeddings.length, json.embeddings[0].length], ['embeddings_floats', ['one two', 'three'], 2, 8]);
    const decoded = decodeBedrockEmbeddings(json, { 'x-amzn-bedrock-input-token-count': res.headers.get('x-amzn-bedrock-input-token-count') ?? undefined });
    assert.equal(decoded.usage.inputUncached, 3);
    assert.notDeepEqual(decoded.vectors[0], decoded.vectors[1]);
  });

  it('validates bodies and honours injected errors', async () => {
    const bad = await sendSigned(emu.url, { method: 'POST', path: '/model/cohere.embed-english-v3/invoke', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ texts: ['a'] }) });
    assert.equal(bad.status, 400);
    assert.match(bad.headers.get('x-amzn-errortype') ?? '', /^ValidationException:/);
    const dims = await sendSigned(emu.url, { method: 'POST', path: '/model/amazon.titan-embed-text-v2%3A0/invoke', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ inputText: 'a', dimensions: 100 }) });
    assert.equal(dims.status, 400);
    const throttled = await sendSigned(emu.url, encodeBedrockEmbeddings({ model: 'amazon.titan-embed-text-v2:0', input: ['a [emu status=429]'] }, {} as ProviderConfig));
    assert.equal(throttled.status, 429);
    assert.match(throttled.headers.get('x-amzn-errortype') ?? '', /^ThrottlingException:/);
  });
});
