import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProviderConfig } from '../../config/types.ts';
import { HttpError } from '../../server/http-error.ts';
import { mistralAdapter } from './mistral-adapter.ts';

const provider = { id: 'mis', type: 'mistral', baseUrl: 'https://api.mistral.ai/v1', headers: {} } as unknown as ProviderConfig;

test('encodes text input and output_dimension; rejects token arrays', () => {
  const enc = mistralAdapter.embeddings!.encode({ model: 'codestral-embed', input: ['a', 'b'], dimensions: 256, inputType: 'search_query', user: 'u' }, provider);
  assert.equal(enc.path, '/embeddings');
  assert.deepEqual(JSON.parse(enc.body), { model: 'codestral-embed', input: ['a', 'b'], output_dimension: 256 });
  assert.throws(() => mistralAdapter.embeddings!.encode({ model: 'mistral-embed', input: [[1, 2]] }, provider), (e: unknown) => e instanceof HttpError && e.status === 400);
});

test('decodes vectors by index and usage', () => {
  const res = mistralAdapter.embeddings!.decode({
    id: 'e', object: 'list', model: 'mistral-embed',
    data: [{ object: 'embedding', embedding: [0.3, 0.4], index: 1 }, { object: 'embedding', embedding: [0.1, 0.2], index: 0 }],
    usage: { prompt_tokens: 16, total_tokens: 16, completion_tokens: 0, prompt_tokens_details: null },
  });
  assert.deepEqual(res.vectors, [[0.1, 0.2], [0.3, 0.4]]);
  assert.equal(res.model, 'mistral-embed');
  assert.deepEqual({ ...res.usage, raw: undefined }, { inputUncached: 16, inputCacheRead: 0, inputCacheWrite: 0, outputText: 0, outputReasoning: 0, raw: undefined });
});
