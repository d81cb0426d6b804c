import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProviderConfig } from '../../config/types.ts';
import { HttpError } from '../../server/http-error.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { bedrockMaxInputsPerCall, decodeBedrockEmbeddings, encodeBedrockEmbeddings } from './bedrock-embeddings.ts';

const P = {} as ProviderConfig;

describe('Bedrock embeddings', () => {
  it('encodes Titan v2 as one inputText with dimensions and normalize', () => {
    const r = encodeBedrockEmbeddings({ model: 'amazon.titan-embed-text-v2:0', input: ['hello'], dimensions: 256 }, P);
    assert.equal(r.path, '/model/amazon.titan-embed-text-v2%3A0/invoke');
    assert.deepEqual(JSON.parse(r.body), { inputText: 'hello', dimensions: 256, normalize: true });
    assert.deepEqual(JSON.parse(encodeBedrockEmbeddings({ model: 'amazon.titan-embed-text-v1', input: ['x'] }, P).body), { inputText: 'x' });
    assert.throws(() => encodeBedrockEmbeddings({ model: 'amazon.titan-embed-text-v2:0', input: ['a', 'b'] }, P), (e: unknown) => e instanceof HttpError && e.code === 'too_many_inputs');
  });

  it('encodes Cohere as texts with input_type (search_document by default)', () => {
    const r = encodeBedrockEmbeddings({ model: 'cohere.embed-english-v3', input: ['a', 'b'], inputType: 'search_query' }, P);
    assert.deepEqual(JSON.parse(r.body), { texts: ['a', 'b'], input_type: 'search_query' });
    assert.deepEqual(JSON.parse(encodeBedrockEmbeddings({ model: 'us.cohere.embed-v4:0', input: ['a'] }, P).body), { texts: ['a'], input_type: 'search_document' });
    assert.throws(() => encodeBedrockEmbeddings({ model: 'cohere.embed-english-v3', input: Array(97).fill('x') }, P), (e: unknown) => e instanceof HttpError && e.code === 'too_many_inputs');
  });

  it('rejects token arrays and unknown model families', () => {
    assert.throws(() => encodeBedrockEmbeddings({ model: 'cohere.embed-english-v3', input: [[1, 2]] }, P), (e: unknown) => e instanceof HttpError && e.code === 'unsupported_input');
    assert.throws(() => encodeBedrockEmbeddings({ model: 'anthropic.claude-3-haiku', input: ['x'] }, P), (e: unknown) => e instanceof HttpError && e.code === 'unsupported_model');
  });

  it('reports how many inputs one call takes per family', () => {
    assert.equal(bedrockMaxInputsPerCall('amazon.titan-embed-text-v2:0'), 1);
    assert.equal(bedrockMaxInputsPerCall('cohere.embed-multilingual-v3'), 96);
  });

  it('decodes Titan with its token count and Cohere with the token-count header', () => {
    const t = decodeBedrockEmbeddings({ embedding: [0.1, 0.2], inputTextTokenCount: 4, embeddingsByType: { float: [0.1, 0.2] } });
    assert.deepEqual(t.vectors, [[0.1, 0.2]]);
    assert.equal(t.usage.inputUncached, 4);
    const c = decodeBedrockEmbeddings({ id: 'x', texts: ['a', 'b'], embeddings: [[1], [2]], response_type: 'embeddings_floats' }, { 'x-amzn-bedrock-input-token-count': '7' });
    assert.deepEqual(c.vectors, [[1], [2]]);
    assert.equal(c.usage.inputUncached, 7);
    const byType = decodeBedrockEmbeddings({ embeddings: { float: [[3]] }, response_type: 'embeddings_by_type' });
    assert.deepEqual([byType.vectors, byType.usage.inputUncached], [[[3]], 0]);
    assert.throws(() => decodeBedrockEmbeddings({ nothing: true }), (e: unknown) => e instanceof UpstreamProtocolError && e.kind === 'malformed');
  });
});
