import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CanonicalRequest } from '../../canonical/request.ts';
import type { StreamEvent } from '../../canonical/stream-event.ts';
import type { ProviderConfig } from '../../config/types.ts';
import { startEmulator, type Emulator } from '../../../test/emulator/server.ts';
import { UpstreamProtocolError, type SignContext } from '../provider-adapter.ts';
import { anthropicAdapter } from './anthropic-adapter.ts';

const ctx: SignContext = { now: () => 0, cache: new Map(), fetchJson: async () => ({ status: 500, json: null }) };

function request(text: string, over: Partial<CanonicalRequest> = {}): CanonicalRequest {
  return { model: 'claude-haiku-4-5', system: [{ type: 'text', text: 'Be brief.' }], messages: [{ role: 'user', content: [{ type: 'text', text }] }], tools: [], stream: false, ...over };
}

/** Encodes, signs and sends; the body is read until it ends or the socket is cut (bytes so far are kept). */
async function call(p: ProviderConfig, req: CanonicalRequest): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const signed = await anthropicAdapter.sign(anthropicAdapter.encodeChatRequest(req, p), p, ctx);
  const res = await fetch(`${p.baseUrl}${signed.path}`, { method: signed.method, headers: signed.headers, body: signed.body });
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of res.body ?? []) chunks.push(Buffer.from(chunk));
  } catch {
    // a cut stream: keep what arrived
  }
  return { status: res.status, headers: res.headers, body: Buffer.concat(chunks) };
}

describe('anthropicAdapter against the Anthropic emulator', () => {
  let emulator: Emulator;
  let provider: ProviderConfig;
  before(async () => {
    emulator = await startEmulator({ provider: 'anthropic', apiKey: 'sk-ant-emu', quiet: true });
    provider = {
      id: 'claude', type: 'anthropic', baseUrl: `${emulator.url}/v1`, apiKey: 'sk-ant-emu', headers: {}, maxConnections: 4,
      timeouts: { connectMs: 1000, firstByteMs: 1000, idleMs: 1000, totalMs: 5000 },
    };
  });
  after(() => emulator.close());

  it('decodes a non-streaming answer with the same token counts as the OpenAI emulator', async () => {
    const res = await call(provider, request('hello there [emu tokens=3 cached_tokens=5 cache_write_tokens=2 reasoning_tokens=4]'));
    assert.equal(res.status, 200);
    assert.equal(emulator.log.last()?.headers['x-api-key'], 'sk-ant-emu');
    const decoded = anthropicAdapter.decodeChatResponse(JSON.parse(res.body.toString()));
    assert.deepEqual(decoded.content.map((p) => p.type === 'reasoning' ? [p.type, p.text, typeof p.signature] : [p.type, p.type === 'text' ? p.text : '']), [
      ['reasoning', 'Switchyard emulated reply with', 'string'],
      ['text', 'Switchyard emulated reply'],
    ]);
    assert.equal(decoded.finishReason, 'stop');
    assert.deepEqual({ ...decoded.usage, raw: undefined }, { inputUncached: (4 + 2) + (4 + 2), inputCacheRead: 5, inputCacheWrite: 2, outputText: 3, outputReasoning: 4, raw: undefined });
  });

  it('decodes a stream with tool calls into canonical events', async () => {
    const tools = [{ name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }];
    const res = await call(provider, request('weather [emu tool_call=get_weather tokens=2]', { stream: true, tools }));
    const decoder = anthropicAdapter.createStreamDecoder();
    const events: StreamEvent[] = [];
    for (let i = 0; i < res.body.length; i += 7) events.push(...decoder.push(res.body.subarray(i, i + 7)));
    events.push(...decoder.end());
    const args = events.filter((e) => e.type === 'tool_call_delta').map((e) => e.type === 'tool_call_delta' && e.argumentsDelta);
    assert.deepEqual(args.length, 2);
    assert.equal(args.join(''), '{"city":"Switchyard"}');
    assert.deepEqual(events.at(-1), { type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'tool_use' });
    const usage = events.filter((e) => e.type === 'usage').at(-1);
    assert.ok(usage?.type === 'usage');
    assert.deepEqual([usage.usage.inputUncached, usage.usage.outputText], [(4 + 2) + (4 + 1), 2]);
  });

  it('classifies emulated errors and detects cut and malformed streams', async () => {
    const over = await call(provider, request('x [emu status=529 retry_after=1]'));
    const f = anthropicAdapter.classifyError(over.status, Object.fromEntries(over.headers), over.body.toString(), 'claude');
    assert.deepEqual([f.errorClass, f.action, f.retryAfterMs], ['upstream_unavailable', 'failover', 1000]);
    const bad = await call({ ...provider, apiKey: 'nope' }, request('x'));
    assert.equal(anthropicAdapter.classifyError(bad.status, {}, bad.body.toString(), 'claude').errorClass, 'upstream_auth');
    const long = await call(provider, request('x [emu status=400 error_code=context_length_exceeded]'));
    assert.equal(anthropicAdapter.classifyError(long.status, {}, long.body.toString(), 'claude').clientError.code, 'context_length_exceeded');

    const cut = await call(provider, request('x [emu cut_after=2]', { stream: true }));
    const c = anthropicAdapter.createStreamDecoder();
    const before = c.push(cut.body);
    assert.deepEqual(before.filter((e) => e.type === 'text_delta').map((e) => e.type === 'text_delta' && e.text), ['Switchyard', ' emulated']);
    assert.throws(() => c.end(), (e) => e instanceof UpstreamProtocolError && e.kind === 'cut');
    const malformed = await call(provider, request('x [emu malformed_sse=1]', { stream: true }));
    const d = anthropicAdapter.createStreamDecoder();
    assert.throws(() => {
      d.push(malformed.body);
      d.end();
    }, (e) => e instanceof UpstreamProtocolError && e.kind === 'malformed');
  });
});
