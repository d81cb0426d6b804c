import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpError } from '../../server/http-error.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { decodeGeminiBatchEmbed, encodeGeminiBatchEmbed } from './gemini-embeddings.ts';

describe('Gemini embeddings', () => {
  it('encodes one request per input with task type and dimensions', () => {
    assert.deepEqual(encodeGeminiBatchEmbed({ model: 'gemini-embedding-001', input: ['a b', 'c'], inputType: 'search_query', dimensions: 256 }), {
      requests: [
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'a b' }] }, taskType: 'RETRIEVAL_QUERY', outputDimensionality: 256 },
        { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'c' }] }, taskType: 'RETRIEVAL_QUERY', outputDimensionality: 256 },
      ],
    });
    assert.deepEqual(encodeGeminiBatchEmbed({ model: 'models/text-embedding-004', input: ['x'] }), {
      requests: [{ model: 'models/text-embedding-004', content: { parts: [{ text: 'x' }] } }],
    });
  });

  it('refuses token-array input with a 400', () => {
    assert.throws(() => encodeGeminiBatchEmbed({ model: 'm', input: [[1, 2]] }), (e: unknown) => e instanceof HttpError && e.status === 400 && e.code === 'unsupported_input');
  });

  it('decodes vectors and reports zero input tokens (Gemini reports none)', () => {
    const r = decodeGeminiBatchEmbed({ embeddings: [{ values: [0.1, 0.2] }, { values: [0.3, 0.4] }] });
    assert.deepEqual(r, {
      model: '',
      vectors: [[0.1, 0.2], [0.3, 0.4]],
      usage: { inputUncached: 0, inputCacheRead: 0, inputCacheWrite: 0, outputText: 0, outputReasoning: 0, raw: null },
    });
    assert.equal(decodeGeminiBatchEmbed({ embeddings: [], usageMetadata: { promptTokenCount: 9 } }).usage.inputUncached, 9);
  });

  it('rejects malformed bodies', () => {
    for (const body of [null, {}, { embeddings: [{ values: ['x'] }] }, { embeddings: [{}] }]) {
      assert.throws(() => decodeGeminiBatchEmbed(body), (e: unknown) => e instanceof UpstreamProtocolError && e.kind === 'malformed');
    }
  });
});
