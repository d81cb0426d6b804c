import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CanonicalRequest } from '../../canonical/request.ts';
import type { ProviderConfig } from '../../config/types.ts';
import { GEMINI_DEFAULT_BASE_URL, geminiAdapter } from './gemini-adapter.ts';
import { geminiModelPath } from './gemini-endpoints.ts';

const provider: ProviderConfig = {
  id: 'gem', type: 'gemini', baseUrl: GEMINI_DEFAULT_BASE_URL, apiKey: 'AIza-test', headers: { 'x-extra': '1' }, maxConnections: 8,
  timeouts: { connectMs: 1, firstByteMs: 1, idleMs: 1, totalMs: 1 },
};
const ctx = { now: () => 0, cache: new Map(), fetchJson: () => Promise.reject(new Error('unused')) };
const req = (stream: boolean, model = 'gemini-2.5-flash'): CanonicalRequest => ({
  model, system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], tools: [], stream,
});

describe('geminiAdapter', () => {
  it('posts to :generateContent and, streaming, to :streamGenerateContent?alt=sse', () => {
    const plain = geminiAdapter.encodeChatRequest(req(false), provider);
    assert.equal(plain.method, 'POST');
    assert.equal(plain.path, '/models/gemini-2.5-flash:generateContent');
    assert.deepEqual(plain.headers, { 'x-extra': '1', 'content-type': 'application/json', accept: 'application/json' });
    assert.deepEqual(JSON.parse(plain.body), { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
    const streamed = geminiAdapter.encodeChatRequest(req(true), provider);
    assert.equal(streamed.path, '/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    assert.equal(streamed.headers.accept, 'text/event-stream');
  });

  it('signs with x-goog-api-key only', async () => {
    const signed = await geminiAdapter.sign(geminiAdapter.encodeChatRequest(req(false), provider), provider, ctx);
    assert.equal(signed.headers['x-goog-api-key'], 'AIza-test');
    assert.equal(signed.headers.authorization, undefined);
    const keyless = await geminiAdapter.sign(geminiAdapter.encodeChatRequest(req(false), provider), { ...provider, apiKey: undefined }, ctx);
    assert.equal(keyless.headers['x-goog-api-key'], undefined);
  });

  it('builds model paths for plain, prefixed and tuned models', () => {
    assert.equal(geminiModelPath('models/gemini-2.0-flash', 'generateContent'), '/models/gemini-2.0-flash:generateContent');
    assert.equal(geminiModelPath('tunedModels/my-model', 'generateContent'), '/tunedModels/my-model:generateContent');
    assert.equal(geminiModelPath('text-embedding-004', 'batchEmbedContents'), '/models/text-embedding-004:batchEmbedContents');
    assert.equal(geminiModelPath('odd name?', 'generateContent'), '/models/odd%20name%3F:generateContent');
  });

  it('posts embeddings to :batchEmbedContents', () => {
    const r = geminiAdapter.embeddings!.encode({ model: 'gemini-embedding-001', input: ['x'] }, provider);
    assert.equal(r.path, '/models/gemini-embedding-001:batchEmbedContents');
    assert.equal(JSON.parse(r.body).requests.length, 1);
  });

  it('has the documented default base URL', () => {
    assert.equal(GEMINI_DEFAULT_BASE_URL, 'https://generativelanguage.googleapis.com/v1beta');
  });
});
