import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ProviderConfig } from '../../config/types.ts';
import { anthropicAdapter } from './anthropic-adapter.ts';
import { anthropicBetaHeader } from './anthropic-beta-header.ts';

const provider = (extra: Partial<ProviderConfig> = {}): ProviderConfig => ({
  id: 'a', type: 'anthropic', baseUrl: 'http://x/v1', headers: {}, maxConnections: 1, apiKey: 'k',
  timeouts: { connectMs: 1, firstByteMs: 1, idleMs: 1, totalMs: 1 }, ...extra,
} as ProviderConfig);

test('every client beta passes when allowed_betas is absent; only listed ones when it is set', () => {
  assert.equal(anthropicBetaHeader(undefined, provider()), undefined);
  assert.equal(anthropicBetaHeader(['a', 'b'], provider()), 'a,b');
  assert.equal(anthropicBetaHeader(['a', 'b'], provider({ allowedBetas: ['b'] })), 'b');
  assert.equal(anthropicBetaHeader(['a'], provider({ allowedBetas: [] })), undefined);
});

test("the operator's own anthropic-beta header is kept and merged, whatever its case", () => {
  assert.equal(anthropicBetaHeader(undefined, provider({ headers: { 'Anthropic-Beta': 'op-1, op-2' } })), 'op-1,op-2');
  assert.equal(anthropicBetaHeader(['op-1', 'c'], provider({ headers: { 'anthropic-beta': 'op-1' }, allowedBetas: ['c'] })), 'op-1,c');
});

test('the signed request carries one anthropic-beta header, for messages and for count_tokens', async () => {
  const p = provider({ headers: { 'Anthropic-Beta': 'op-1' } });
  const req = { model: 'claude', system: [], messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }], tools: [], stream: false, maxOutputTokens: 5, anthropicBetas: ['c'] };
  const sign = { now: () => 0, cache: new Map(), fetchJson: () => Promise.reject(new Error('unused')) };
  for (const encoded of [anthropicAdapter.encodeChatRequest(req, p), anthropicAdapter.countTokens!.encode(req, p)!]) {
    const signed = await anthropicAdapter.sign(encoded, p, sign);
    const names = Object.keys(signed.headers).filter((h) => h.toLowerCase() === 'anthropic-beta');
    assert.deepEqual(names, ['anthropic-beta']);
    assert.equal(signed.headers['anthropic-beta'], 'op-1,c');
  }
  const plain = await anthropicAdapter.sign(anthropicAdapter.encodeChatRequest({ ...req, anthropicBetas: undefined }, provider()), provider(), sign);
  assert.equal(plain.headers['anthropic-beta'], undefined);
});
