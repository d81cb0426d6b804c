import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CanonicalRequest } from '../../../src/canonical/request.ts';
import type { StreamEvent } from '../../../src/canonical/stream-event.ts';
import type { ProviderConfig } from '../../../src/config/types.ts';
import { geminiAdapter } from '../../../src/providers/gemini/gemini-adapter.ts';
import { UpstreamProtocolError, type SignContext, type UpstreamRequest } from '../../../src/providers/provider-adapter.ts';
import { startEmulator, type Emulator } from '../server.ts';

const KEY = 'AIza-roundtrip';
const ctx: SignContext = { now: Date.now, cache: new Map(), fetchJson: () => Promise.reject(new Error('unused')) };
const tools = [{ name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } }];

function request(text: string, extra: Partial<CanonicalRequest> = {}): CanonicalRequest {
  return { model: 'gemini-2.5-flash', system: [{ type: 'text', text: 'be brief' }], messages: [{ role: 'user', content: [{ type: 'text', text }] }], tools: [], stream: false, ...extra };
}

describe('geminiAdapter against the Gemini emulator', () => {
  let emulator: Emulator;
  let provider: ProviderConfig;
  const send = async (r: UpstreamRequest): Promise<Response> => {
    const signed = await geminiAdapter.sign(r, provider, ctx);
    return fetch(`${provider.baseUrl}${signed.path}`, { method: signed.method, headers: signed.headers, body: signed.body });
  };
  const stream = async (req: CanonicalRequest): Promise<StreamEvent[]> => {
    const res = await send(geminiAdapter.encodeChatRequest({ ...req, stream: true }, provider));
    const decoder = geminiAdapter.createStreamDecoder();
    const events: StreamEvent[] = [];
    for await (const chunk of res.body!) events.push(...decoder.push(Buffer.from(chunk)));
    events.push(...decoder.end());
    return events;
  };
  before(async () => {
    emulator = await startEmulator({ provider: 'gemini', apiKey: KEY, quiet: true });
    provider = {
      id: 'gem', type: 'gemini', baseUrl: `${emulator.url}/v1beta`, apiKey: KEY, headers: {}, maxConnections: 4,
      timeouts: { connectMs: 1000, firstByteMs: 1000, idleMs: 1000, totalMs: 5000 },
    };
  });
  after(() => emulator.close());

  it('decodes a response with the same token counts the OpenAI emulator gives', async () => {
    const res = await send(geminiAdapter.encodeChatRequest(request('hello there [emu tokens=3 cached_tokens=4 reasoning_tokens=2]'), provider));
    const r = geminiAdapter.decodeChatResponse(await res.json());
    assert.deepEqual(r.content.map((p) => p.type), ['reasoning', 'text']);
    assert.deepEqual(r.content[1], { type: 'text', text: 'Switchyard emulated reply' });
    assert.equal(r.finishReason, 'stop');
    assert.deepEqual({ ...r.usage, raw: undefined }, { inputUncached: 12, inputCacheRead: 4, inputCacheWrite: 0, outputText: 3, outputReasoning: 2, raw: undefined });
  });

  it('round-trips a tool call, its thought signature and the tool result', async () => {
    const first = geminiAdapter.decodeChatResponse(await (await send(geminiAdapter.encodeChatRequest(
      request('weather? [emu tool_call=get_weather reasoning_tokens=1]', { tools, toolChoice: { type: 'auto' } }), provider))).json());
    assert.equal(first.finishReason, 'tool_calls');
    const [sig, call] = first.content;
    assert.equal(sig.type === 'reasoning' && sig.text === '' && typeof sig.signature, 'string');
    assert.equal(call.type === 'tool_call' && call.name, 'get_weather');
    assert.equal(call.type === 'tool_call' && call.arguments, '{"city":"Switchyard"}');
    const followUp = request('weather?', {
      tools,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'weather?' }] },
        { role: 'assistant', content: first.content },
        { role: 'tool', toolCallId: call.type === 'tool_call' ? call.id : '', content: [{ type: 'text', text: 'sunny' }] },
      ],
    });
    const res = await send(geminiAdapter.encodeChatRequest(followUp, provider));
    assert.equal(res.status, 200);
    const sent = emulator.log.last()!.body as { contents: Array<{ role: string; parts: Array<Record<string, unknown>> }> };
    assert.deepEqual(sent.contents[1], { role: 'model', parts: [{ functionCall: { name: 'get_weather', args: { city: 'Switchyard' } }, thoughtSignature: sig.type === 'reasoning' ? sig.signature : '' }] });
    assert.deepEqual(sent.contents[2], { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { output: 'sunny' } } }] });
    const usage = geminiAdapter.decodeChatResponse(await res.json()).usage;
    assert.equal(usage.inputUncached, (4 + 2) + (4 + 1) + (4 + 0) + (4 + 1));
  });

  it('streams text into canonical events ending in usage and finish', async () => {
    const events = await stream(request('hi [emu tokens=3]'));
    assert.deepEqual(events.filter((e) => e.type !== 'usage' && e.type !== 'message_start'), [
      { type: 'text_start', block: 0 },
      { type: 'text_delta', block: 0, text: 'Switchyard' },
      { type: 'text_delta', block: 0, text: ' emulated' },
      { type: 'text_delta', block: 0, text: ' reply' },
      { type: 'text_end', block: 0 },
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'STOP' },
    ]);
    const last = events.filter((e) => e.type === 'usage').at(-1);
    assert.deepEqual(last?.type === 'usage' && { ...last.usage, raw: undefined }, { inputUncached: 11, inputCacheRead: 0, inputCacheWrite: 0, outputText: 3, outputReasoning: 0, raw: undefined });
  });

  it('streams tool calls and maps content_filter and length', async () => {
    const calls = await stream(request('go [emu tool_calls=2]', { tools }));
    assert.deepEqual(calls.filter((e) => e.type === 'tool_call_start').map((e) => e.type === 'tool_call_start' && e.name), ['get_weather', 'get_weather']);
    assert.deepEqual(calls.at(-1), { type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'STOP' });
    assert.deepEqual((await stream(request('x [emu finish_reason=content_filter]'))).at(-1), { type: 'finish', finishReason: 'content_filter', rawFinishReason: 'SAFETY' });
    assert.deepEqual((await stream(request('x', { maxOutputTokens: 2 }))).at(-1), { type: 'finish', finishReason: 'length', rawFinishReason: 'MAX_TOKENS' });
  });

  it('reports a cut stream and malformed SSE as protocol errors', async () => {
    const res = await send(geminiAdapter.encodeChatRequest(request('x [emu cut_after=2]', { stream: true }), provider));
    const decoder = geminiAdapter.createStreamDecoder();
    const events: StreamEvent[] = [];
    await assert.rejects(async () => {
      for await (const chunk of res.body!) events.push(...decoder.push(Buffer.from(chunk)));
    }, { name: 'TypeError', message: 'terminated' });
    assert.equal(events.filter((e) => e.type === 'text_delta').length, 2);
    assert.throws(() => decoder.end(), (e: unknown) => e instanceof UpstreamProtocolError && e.kind === 'cut');
    await assert.rejects(stream(request('x [emu malformed_sse=1]')), (e: unknown) => e instanceof UpstreamProtocolError && e.kind === 'malformed');
  });

  it('classifies the emulator\'s errors', async () => {
    const limited = await send(geminiAdapter.encodeChatRequest(request('x [emu status=429 retry_after=3]'), provider));
    const f = geminiAdapter.classifyError(limited.status, Object.fromEntries(limited.headers), await limited.text(), 'gem');
    assert.deepEqual([f.errorClass, f.retryAfterMs], ['rate_limited', 3000]);
    const badKey = await geminiAdapter.sign(geminiAdapter.encodeChatRequest(request('x'), provider), { ...provider, apiKey: 'wrong' }, ctx);
    const res = await fetch(`${provider.baseUrl}${badKey.path}`, { method: 'POST', headers: badKey.headers, body: badKey.body });
    assert.equal(geminiAdapter.classifyError(res.status, {}, await res.text(), 'gem').errorClass, 'upstream_auth');
    const long = await send(geminiAdapter.encodeChatRequest(request('x [emu status=400 error_code=context_length_exceeded]'), provider));
    assert.equal(geminiAdapter.classifyError(long.status, {}, await long.text(), 'gem').clientError.code, 'context_length_exceeded');
  });

  it('embeds through batchEmbedContents with the OpenAI emulator\'s vectors', async () => {
    const res = await send(geminiAdapter.embeddings!.encode({ model: 'gemini-embedding-001', input: ['alpha beta', 'gamma'], dimensions: 4, inputType: 'clustering' }, provider));
    const r = geminiAdapter.embeddings!.decode(await res.json());
    assert.equal(r.vectors.length, 2);
    assert.equal(r.vectors[0].length, 4);
    assert.equal(r.usage.inputUncached, 0);
    const sent = emulator.log.last()!.body as { requests: Array<Record<string, unknown>> };
    assert.equal(sent.requests[0].taskType, 'CLUSTERING');
  });
});
