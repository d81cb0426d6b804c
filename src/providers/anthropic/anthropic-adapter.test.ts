import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProviderConfig } from '../../config/types.ts';
import type { SignContext } from '../provider-adapter.ts';
import { anthropicAdapter } from './anthropic-adapter.ts';

const provider: ProviderConfig = {
  id: 'claude',
  type: 'anthropic',
  baseUrl: 'https://api.anthropic.com/v1',
  apiKey: 'sk-ant-test',
  headers: { 'anthropic-beta': 'prompt-caching-2024-07-31' },
  maxConnections: 8,
  timeouts: { connectMs: 1000, firstByteMs: 1000, idleMs: 1000, totalMs: 1000 },
};
const ctx: SignContext = { now: () => 0, cache: new Map(), fetchJson: async () => ({ status: 500, json: null }) };

describe('anthropicAdapter', () => {
  it('posts to /messages and signs with x-api-key and anthropic-version', async () => {
    const req = anthropicAdapter.encodeChatRequest({ model: 'claude-haiku-4-5', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], tools: [], stream: true }, provider);
    assert.equal(req.method, 'POST');
    assert.equal(req.path, '/messages');
    assert.deepEqual(JSON.parse(req.body), { model: 'claude-haiku-4-5', max_tokens: 4096, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], stream: true });
    const signed = await anthropicAdapter.sign(req, provider, ctx);
    assert.deepEqual(signed.headers, {
      accept: 'text/event-stream',
      'anthropic-beta': 'prompt-caching-2024-07-31',
      'content-type': 'application/json',
      'anthropic-version': '2023-06-01',
      'x-api-key': 'sk-ant-test',
    });
    assert.equal(signed.body, req.body);
    const pinned = await anthropicAdapter.sign(req, { ...provider, apiVersion: '2024-01-01', apiKey: undefined }, ctx);
    assert.equal(pinned.headers['anthropic-version'], '2024-01-01');
    assert.equal(pinned.headers['x-api-key'], undefined);
    assert.equal(pinned.headers.authorization, undefined);
  });

  it('has no embeddings', () => {
    assert.equal(anthropicAdapter.type, 'anthropic');
    assert.equal(anthropicAdapter.embeddings, undefined);
  });
});
