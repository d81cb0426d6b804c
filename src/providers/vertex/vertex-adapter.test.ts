import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CanonicalRequest } from '../../canonical/request.ts';
import type { ProviderConfig } from '../../config/types.ts';
import type { SignContext } from '../provider-adapter.ts';
import { vertexAdapter, vertexDefaultBaseUrl } from './vertex-adapter.ts';
import { decodeVertexPredictEmbeddings, encodeVertexPredictEmbeddings } from './vertex-embeddings.ts';

const provider: ProviderConfig = {
  id: 'vx', type: 'vertex', baseUrl: vertexDefaultBaseUrl('europe-west4'), headers: {}, maxConnections: 4,
  timeouts: { connectMs: 1, firstByteMs: 1, idleMs: 1, totalMs: 1 }, region: 'europe-west4', project: 'my-proj',
  gcpServiceAccount: { clientEmail: 'sa@x', privateKey: 'unused', tokenUri: 'https://oauth2.test/token' },
};
const req = (stream: boolean, model = 'gemini-2.5-pro'): CanonicalRequest => ({
  model, system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], tools: [], stream,
});

describe('vertexAdapter', () => {
  it('has regional and global default base URLs', () => {
    assert.equal(vertexDefaultBaseUrl('us-central1'), 'https://us-central1-aiplatform.googleapis.com/v1');
    assert.equal(vertexDefaultBaseUrl('global'), 'https://aiplatform.googleapis.com/v1');
  });

  it('posts the Gemini body to the publisher model path', () => {
    const plain = vertexAdapter.encodeChatRequest(req(false), provider);
    assert.equal(plain.path, '/projects/my-proj/locations/europe-west4/publishers/google/models/gemini-2.5-pro:generateContent');
    assert.deepEqual(JSON.parse(plain.body), { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
    assert.equal(vertexAdapter.encodeChatRequest(req(true), provider).path,
      '/projects/my-proj/locations/europe-west4/publishers/google/models/gemini-2.5-pro:streamGenerateContent?alt=sse');
    assert.equal(vertexAdapter.encodeChatRequest(req(false, 'projects/p/locations/l/endpoints/123'), provider).path, '/projects/p/locations/l/endpoints/123:generateContent');
    assert.throws(() => vertexAdapter.encodeChatRequest(req(false), { ...provider, project: undefined }), /needs "project" and "region"/);
  });

  it('signs with a cached Bearer access token', async () => {
    const cache = new Map<string, unknown>([['vertex-access-token:sa@x', { accessToken: 'ya29.cached', expiresAt: 10_000_000 }]]);
    const ctx: SignContext = { now: () => 0, cache, fetchJson: () => Promise.reject(new Error('must not be called')) };
    const signed = await vertexAdapter.sign(vertexAdapter.encodeChatRequest(req(false), provider), provider, ctx);
    assert.equal(signed.headers.authorization, 'Bearer ya29.cached');
  });

  it('names the service account in auth failures', () => {
    const f = vertexAdapter.classifyError(403, {}, '{"error":{"code":403,"message":"denied","status":"PERMISSION_DENIED"}}', 'vx');
    assert.equal(f.errorClass, 'upstream_auth');
    assert.match(f.clientError.message, /gcp_service_account/);
  });

  it('embeds through :predict and counts statistics.token_count', () => {
    const encoded = vertexAdapter.embeddings!.encode({ model: 'text-embedding-005', input: ['a b', 'c'], inputType: 'search_document', dimensions: 64 }, provider);
    assert.equal(encoded.path, '/projects/my-proj/locations/europe-west4/publishers/google/models/text-embedding-005:predict');
    assert.deepEqual(JSON.parse(encoded.body), {
      instances: [{ content: 'a b', task_type: 'RETRIEVAL_DOCUMENT' }, { content: 'c', task_type: 'RETRIEVAL_DOCUMENT' }],
      parameters: { outputDimensionality: 64 },
    });
    assert.deepEqual(encodeVertexPredictEmbeddings({ model: 'm', input: ['x'] }), { instances: [{ content: 'x' }] });
    const decoded = decodeVertexPredictEmbeddings({
      predictions: [
        { embeddings: { values: [0.5, 0.5], statistics: { truncated: false, token_count: 2 } } },
        { embeddings: { values: [1, 0], statistics: { truncated: false, token_count: 1 } } },
      ],
      metadata: { billableCharacterCount: 3 },
    });
    assert.deepEqual(decoded.vectors, [[0.5, 0.5], [1, 0]]);
    assert.deepEqual({ ...decoded.usage, raw: undefined }, { inputUncached: 3, inputCacheRead: 0, inputCacheWrite: 0, outputText: 0, outputReasoning: 0, raw: undefined });
    assert.throws(() => decodeVertexPredictEmbeddings({ predictions: [{}] }), /embeddings.values/);
  });
});
