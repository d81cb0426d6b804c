import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProviderConfig } from '../../config/types.ts';
import { HttpError } from '../../server/http-error.ts';
import { cohereAdapter } from './cohere-adapter.ts';

const provider = { id: 'co', type: 'cohere', baseUrl: 'https://api.cohere.com/v2', headers: {} } as unknown as ProviderConfig;

test('encodes texts, input_type (default search_document), float embedding type and output_dimension', () => {
  const enc = cohereAdapter.embeddings!.encode({ model: 'embed-v4.0', input: ['a', 'b'], dimensions: 256 }, provider);
  assert.equal(enc.path, '/embed');
  assert.deepEqual(JSON.parse(enc.body), { model: 'embed-v4.0', texts: ['a', 'b'], input_type: 'search_document', embedding_types: ['float'], output_dimension: 256 });
  const q = cohereAdapter.embeddings!.encode({ model: 'embed-english-v3.0', input: ['q'], inputType: 'search_query' }, provider);
  assert.equal(JSON.parse(q.body).input_type, 'search_query');
  assert.throws(() => cohereAdapter.embeddings!.encode({ model: 'm', input: [[1]] }, provider), (e: unknown) => e instanceof HttpError && e.status === 400);
});

test('decodes embeddings.float and meta.billed_units.input_tokens', () => {
  const meta = { api_version: { version: '2' }, billed_units: { input_tokens: 10 } };
  const res = cohereAdapter.embeddings!.decode({ id: 'f5', texts: ['a', 'b'], embeddings: { float: [[0.1], [0.2]] }, meta, response_type: 'embeddings_by_type' });
  assert.deepEqual(res, { model: '', vectors: [[0.1], [0.2]], usage: { inputUncached: 10, inputCacheRead: 0, inputCacheWrite: 0, outputText: 0, outputReasoning: 0, raw: meta } });
  assert.throws(() => cohereAdapter.embeddings!.decode({ embeddings: {} }));
});
