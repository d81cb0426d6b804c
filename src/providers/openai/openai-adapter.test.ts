import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CanonicalRequest } from '../../canonical/request.ts';
import type { StreamEvent } from '../../canonical/stream-event.ts';
import type { ProviderConfig } from '../../config/types.ts';
import { startEmulator, type Emulator } from '../../../test/emulator/server.ts';
import type { ProviderAdapter, SignContext, UpstreamRequest } from '../provider-adapter.ts';
import { openAIAdapter } from './openai-adapter.ts';

const signCtx: SignContext = { now: Date.now, cache: new Map(), fetchJson: async () => ({ status: 500, json: null }) };

function provider(baseUrl: string, over: Partial<ProviderConfig> = {}): ProviderConfig {
  return {
    id: 'oai', type: 'openai', baseUrl, apiKey: 'sk-test', headers: { 'openai-organization': 'org-1' }, maxConnections: 4,
    timeouts: { connectMs: 1000, firstByteMs: 5000, idleMs: 5000, totalMs: 10_000 }, ...over,
  };
}

function chat(text: string, over: Partial<CanonicalRequest> = {}): CanonicalRequest {
  return { model: 'gpt-4o-mini', system: [{ type: 'text', text: 'be brief' }], messages: [{ role: 'user', content: [{ type: 'text', text }] }], tools: [], stream: false, ...over };
}

async function send(adapter: ProviderAdapter, p: ProviderConfig, req: UpstreamRequest): Promise<Response> {
  const signed = await adapter.sign(req, p, signCtx);
  return fetch(p.baseUrl + signed.path, { method: signed.method, headers: signed.headers, body: signed.body });
}

/** Streams through the adapter's decoder; a socket the emulator destroyed ends the body like a clean close would. */
async function streamEvents(adapter: ProviderAdapter, p: ProviderConfig, req: CanonicalRequest): Promise<StreamEvent[]> {
  const res = await send(adapter, p, adapter.encodeChatRequest(req, p));
  assert.equal(res.status, 200);
  const decoder = adapter.createStreamDecoder();
  const out: StreamEvent[] = [];
  try {
    for await (const chunk of res.body!) out.push(...decoder.push(Buffer.from(chunk)));
  } catch (err) {
    if ((err as Error).name !== 'TypeError') throw err;
  }
  out.push(...decoder.end());
  return out;
}

const weatherTool = { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

describe('openAIAdapter against the OpenAI emulator', () => {
  let emulator: Emulator;
  let p: ProviderConfig;
  before(async () => {
    emulator = await startEmulator({ apiKey: 'sk-test', quiet: true });
    p = provider(`${emulator.url}/v1`);
  });
  after(() => emulator.close());

  it('signs with Bearer auth after the operator headers', async () => {
    const signed = await openAIAdapter.sign(openAIAdapter.encodeChatRequest(chat('x', { stream: true }), p), p, signCtx);
    assert.deepEqual(signed.headers, { 'openai-organization': 'org-1', 'content-type': 'application/json', accept: 'text/event-stream', authorization: 'Bearer sk-test' });
    assert.equal(signed.path, '/chat/completions');
  });

  it('round-trips a non-streaming completion with exact usage', async () => {
    const res = await send(openAIAdapter, p, openAIAdapter.encodeChatRequest(chat('hello there [emu tokens=3 cached_tokens=2 reasoning_tokens=1]'), p));
    const out = openAIAdapter.decodeChatResponse(await res.json());
    assert.deepEqual(out.content, [{ type: 'text', text: 'Switchyard emulated reply' }]);
    assert.equal(out.finishReason, 'stop');
    const { raw: _raw, ...usage } = out.usage;
    assert.deepEqual(usage, { inputUncached: 4 + 2 + 4 + 2, inputCacheRead: 2, inputCacheWrite: 0, outputText: 3, outputReasoning: 1 });
    assert.equal(emulator.log.last()?.body && (emulator.log.last()!.body as { max_completion_tokens?: number }).max_completion_tokens, undefined);
  });

  it('streams text and always asks for usage', async () => {
    const events = await streamEvents(openAIAdapter, p, chat('hi [emu tokens=2]', { stream: true, maxOutputTokens: 50 }));
    assert.deepEqual((emulator.log.last()!.body as Record<string, unknown>).stream_options, { include_usage: true });
    assert.equal((emulator.log.last()!.body as Record<string, unknown>).max_completion_tokens, 50);
    assert.deepEqual(events.map((e) => e.type), ['message_start', 'text_start', 'text_delta', 'text_delta', 'text_end', 'usage', 'finish']);
    const usage = events.find((e) => e.type === 'usage');
    assert.equal(usage?.type === 'usage' && usage.usage.outputText, 2);
  });

  it('streams parallel tool calls whose fragments rebuild the arguments', async () => {
    const events = await streamEvents(openAIAdapter, p, chat('weather [emu tool_calls=2 tokens=4]', { stream: true, tools: [weatherTool] }));
    const calls = new Map<number, { name: string; args: string }>();
    for (const e of events) {
      if (e.type === 'tool_call_start') calls.set(e.block, { name: e.name, args: '' });
      if (e.type === 'tool_call_delta') calls.get(e.block)!.args += e.argumentsDelta;
    }
    assert.equal(calls.size, 2);
    for (const c of calls.values()) {
      assert.equal(c.name, 'get_weather');
      assert.equal(typeof JSON.parse(c.args).city, 'string');
    }
    assert.deepEqual(events.at(-1), { type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'tool_calls' });
  });

  it('turns cut and malformed streams into protocol errors', async () => {
    await assert.rejects(streamEvents(openAIAdapter, p, chat('x [emu cut_after=2]', { stream: true })), { name: 'UpstreamProtocolError', kind: 'cut' });
    await assert.rejects(streamEvents(openAIAdapter, p, chat('x [emu malformed_sse=1]', { stream: true })), { name: 'UpstreamProtocolError', kind: 'malformed' });
  });

  it('classifies a 429 with retry-after as rate limited', async () => {
    const res = await send(openAIAdapter, p, openAIAdapter.encodeChatRequest(chat('x [emu status=429 retry_after=3]'), p));
    const f = openAIAdapter.classifyError(res.status, Object.fromEntries(res.headers), await res.text(), 'oai');
    assert.equal(f.errorClass, 'rate_limited');
    assert.equal(f.retryAfterMs, 3000);
  });

  it('sends max_tokens to OpenAI-compatible servers', async () => {
    const compat = provider(p.baseUrl, { type: 'openai-compatible' });
    await send(openAIAdapter, compat, openAIAdapter.encodeChatRequest(chat('x', { maxOutputTokens: 2 }), compat));
    assert.equal((emulator.log.last()!.body as Record<string, unknown>).max_tokens, 2);
  });

  it('embeds strings and token arrays as float vectors in input order', async () => {
    const e = openAIAdapter.embeddings!;
    const res = await send(openAIAdapter, p, e.encode({ model: 'text-embedding-3-small', input: ['one two', 'three'], dimensions: 4, inputType: 'search_query' }, p));
    const out = e.decode(await res.json());
    assert.equal(out.vectors.length, 2);
    assert.equal(out.vectors[0].length, 4);
    assert.equal(out.usage.inputUncached, 3);
    assert.deepEqual(emulator.log.last()!.body, { model: 'text-embedding-3-small', input: ['one two', 'three'], encoding_format: 'float', dimensions: 4 });
    const tokens = e.decode(await (await send(openAIAdapter, p, e.encode({ model: 'text-embedding-3-small', input: [[1, 2, 3]] }, p))).json());
    assert.equal(tokens.usage.inputUncached, 3);
    assert.throws(() => e.decode({ data: [{ index: 5, embedding: [1] }] }), { kind: 'malformed' });
  });
});
