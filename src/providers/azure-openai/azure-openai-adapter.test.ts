import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CanonicalRequest } from '../../canonical/request.ts';
import type { StreamEvent } from '../../canonical/stream-event.ts';
import type { ProviderConfig } from '../../config/types.ts';
import { startEmulator, type Emulator } from '../../../test/emulator/server.ts';
import type { SignContext, UpstreamRequest } from '../provider-adapter.ts';
import { azureOpenAIAdapter as adapter } from './azure-openai-adapter.ts';

const signCtx: SignContext = { now: Date.now, cache: new Map(), fetchJson: async () => ({ status: 500, json: null }) };

function provider(baseUrl: string, over: Partial<ProviderConfig> = {}): ProviderConfig {
  return {
    id: 'az', type: 'azure-openai', baseUrl, apiKey: 'azure-key', headers: { 'x-ms-client': 'sw' }, maxConnections: 4,
    timeouts: { connectMs: 1000, firstByteMs: 5000, idleMs: 5000, totalMs: 10_000 },
    deployments: { 'gpt-4o': 'prod-gpt4o' }, ...over,
  };
}

function chat(text: string, over: Partial<CanonicalRequest> = {}): CanonicalRequest {
  return { model: 'gpt-4o', system: [], messages: [{ role: 'user', content: [{ type: 'text', text }] }], tools: [], stream: false, ...over };
}

async function send(p: ProviderConfig, req: UpstreamRequest): Promise<Response> {
  const signed = await adapter.sign(req, p, signCtx);
  return fetch(p.baseUrl + signed.path, { method: signed.method, headers: signed.headers, body: signed.body });
}

describe('azureOpenAIAdapter', () => {
  let emulator: Emulator;
  let p: ProviderConfig;
  before(async () => {
    emulator = await startEmulator({ provider: 'azure-openai', apiKey: 'azure-key', quiet: true });
    p = provider(`${emulator.url}/openai`);
  });
  after(() => emulator.close());

  it('builds deployment paths with api-version, mapping models through deployments', () => {
    assert.equal(adapter.encodeChatRequest(chat('x'), p).path, '/deployments/prod-gpt4o/chat/completions?api-version=2024-10-21');
    assert.equal(adapter.encodeChatRequest(chat('x', { model: 'o3 mini' }), { ...p, apiVersion: '2025-04-01-preview' }).path, '/deployments/o3%20mini/chat/completions?api-version=2025-04-01-preview');
    assert.equal(adapter.embeddings!.encode({ model: 'emb', input: ['a'] }, p).path, '/deployments/emb/embeddings?api-version=2024-10-21');
    assert.equal(JSON.parse(adapter.encodeChatRequest(chat('x', { maxOutputTokens: 5 }), p).body).max_completion_tokens, 5);
  });

  it('signs with api-key, or with an Entra ID bearer token when one is configured', async () => {
    const req = adapter.encodeChatRequest(chat('x', { stream: true }), p);
    assert.deepEqual((await adapter.sign(req, p, signCtx)).headers, { 'x-ms-client': 'sw', 'content-type': 'application/json', accept: 'text/event-stream', 'api-key': 'azure-key' });
    const entra = (await adapter.sign(req, { ...p, azureAdToken: 'eyJ.tok' }, signCtx)).headers;
    assert.equal(entra.authorization, 'Bearer eyJ.tok');
    assert.equal('api-key' in entra, false);
  });

  it('round-trips a completion against the Azure emulator, ignoring content-filter fields', async () => {
    const res = await send(p, adapter.encodeChatRequest(chat('hi there [emu tokens=2]'), p));
    assert.equal(emulator.log.last()!.path, '/openai/deployments/prod-gpt4o/chat/completions');
    const out = adapter.decodeChatResponse(await res.json());
    assert.deepEqual(out.content, [{ type: 'text', text: 'Switchyard emulated' }]);
    assert.equal(out.model, 'prod-gpt4o');
    assert.equal(out.usage.inputUncached, 6);
    const filtered = adapter.decodeChatResponse(await (await send(p, adapter.encodeChatRequest(chat('x [emu finish_reason=content_filter]'), p))).json());
    assert.equal(filtered.finishReason, 'content_filter');
  });

  it('decodes a stream that opens with the prompt-filter chunk', async () => {
    const res = await send(p, adapter.encodeChatRequest(chat('go [emu tokens=3 reasoning_tokens=2]', { stream: true }), p));
    const decoder = adapter.createStreamDecoder();
    const events: StreamEvent[] = [];
    for await (const chunk of res.body!) events.push(...decoder.push(Buffer.from(chunk)));
    events.push(...decoder.end());
    assert.deepEqual(events[0].type === 'message_start' && events[0].model, 'prod-gpt4o');
    assert.equal(events.filter((e) => e.type === 'text_delta').map((e) => (e as { text: string }).text).join(''), 'Switchyard emulated reply');
    const usage = events.find((e) => e.type === 'usage');
    assert.equal(usage?.type === 'usage' && usage.usage.outputReasoning, 2);
    assert.deepEqual(events.at(-1), { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop' });
  });

  it('classifies Azure errors: content filter returns, 429 honours retry-after-ms, missing deployment fails over', async () => {
    const classify = async (text: string, over: Partial<ProviderConfig> = {}) => {
      const res = await send({ ...p, ...over }, adapter.encodeChatRequest(chat(text), { ...p, ...over }));
      return adapter.classifyError(res.status, Object.fromEntries(res.headers), await res.text(), 'az');
    };
    const filtered = await classify('x [emu status=400 error_code=content_filter]');
    assert.equal(filtered.action, 'return');
    assert.equal(filtered.clientError.status, 400);
    assert.equal(filtered.clientError.code, 'content_filter');
    assert.equal(filtered.clientError.param, 'prompt');
    assert.match(filtered.clientError.message, /content management policy/);

    const limited = await classify('x [emu status=429 retry_after=1.5]');
    assert.equal(limited.errorClass, 'rate_limited');
    assert.equal(limited.retryAfterMs, 1500);

    const missing = await classify('x [emu status=404]');
    assert.equal(missing.action, 'failover');
    assert.equal(missing.errorClass, 'not_found');
    assert.match(missing.clientError.message, /DeploymentNotFound/);

    const auth = await classify('x', { apiKey: 'wrong' });
    assert.equal(auth.errorClass, 'upstream_auth');
    assert.equal(auth.clientError.message.includes('wrong'), false);

    const invalid = await classify('x [emu status=400]');
    assert.equal(invalid.action, 'return');
    assert.equal(invalid.errorClass, 'invalid_request');
  });

  it('embeds through the deployment path', async () => {
    const e = adapter.embeddings!;
    const res = await send(p, e.encode({ model: 'gpt-4o', input: ['alpha beta'], dimensions: 3 }, p));
    const out = e.decode(await res.json());
    assert.equal(out.vectors[0].length, 3);
    assert.equal(out.usage.inputUncached, 2);
  });
});
