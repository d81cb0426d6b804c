import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mistralAdapter } from '../../../src/providers/mistral/mistral-adapter.ts';
import { startEmulator, type Emulator } from '../server.ts';
import { postJson } from '../test-clients.ts';
import { MISTRAL_KEY, sendThroughAdapter, userRequest } from './adapter-client.ts';

const EIGHT = 'Switchyard emulated reply with plain deterministic words so';
const auth = { authorization: `Bearer ${MISTRAL_KEY}` };
const weatherTool = { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' }, days: { type: 'integer' } } } };

describe('Mistral emulator: POST /v1/chat/completions (JSON)', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ provider: 'mistral', apiKey: MISTRAL_KEY });
  });
  after(() => emulator.close());

  it('returns Mistral chat.completion JSON with the shared token accounting', async () => {
    const res = await postJson(emulator, '/v1/chat/completions', { model: 'mistral-small-latest', messages: [{ role: 'user', content: 'hello there [emu cached_tokens=3]' }] }, auth);
    assert.equal(res.status, 200);
    const body = await res.json() as Record<string, unknown>;
    assert.match(body.id as string, /^[0-9a-f]{32}$/);
    assert.deepEqual({ ...body, id: 'x', created: 0 }, {
      id: 'x', created: 0, model: 'mistral-small-latest', object: 'chat.completion',
      usage: { prompt_tokens: 9, total_tokens: 17, completion_tokens: 8, prompt_tokens_details: { cached_tokens: 3 } },
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', tool_calls: null, content: EIGHT } }],
    });
  });

  it('decodes through the adapter: reasoning as thinking chunks, cached tokens, max_tokens cut', async () => {
    const res = await sendThroughAdapter(emulator, userRequest('why [emu reasoning_tokens=2 cached_tokens=4 tokens=5]', { maxOutputTokens: 6 }));
    const decoded = mistralAdapter.decodeChatResponse(await res.json());
    assert.deepEqual(decoded.content, [{ type: 'reasoning', text: 'Switchyard emulated' }, { type: 'text', text: 'Switchyard emulated reply with' }]);
    assert.deepEqual([decoded.finishReason, decoded.rawFinishReason], ['length', 'length']);
    assert.deepEqual({ ...decoded.usage, raw: undefined }, { inputUncached: 5, inputCacheRead: 4, inputCacheWrite: 0, outputText: 6, outputReasoning: 0, raw: undefined });
  });

  it('tool calls carry 9-character ids and replay through the adapter in a second turn', async () => {
    const first = mistralAdapter.decodeChatResponse(await (await sendThroughAdapter(emulator, userRequest('weather? [emu tool_calls=2]', { tools: [weatherTool] }))).json());
    assert.equal(first.finishReason, 'tool_calls');
    const calls = first.content.filter((p) => p.type === 'tool_call');
    assert.equal(calls.length, 2);
    for (const c of calls) assert.match(c.type === 'tool_call' ? c.id : '', /^[a-zA-Z0-9]{9}$/);
    assert.deepEqual(calls.map((c) => c.type === 'tool_call' && JSON.parse(c.arguments)), [{ city: 'Switchyard', days: 2 }, { city: 'emulated', days: 3 }]);
    const second = await sendThroughAdapter(emulator, userRequest('weather?', {
      tools: [weatherTool],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'weather?' }] },
        { role: 'assistant', content: [{ type: 'tool_call', id: 'call_from_openai_1', name: 'get_weather', arguments: '{}' }] },
        { role: 'tool', toolCallId: 'call_from_openai_1', toolName: 'get_weather', content: [{ type: 'text', text: 'sunny' }] },
      ],
    }));
    assert.equal(second.status, 200);
    assert.equal(mistralAdapter.decodeChatResponse(await second.json()).finishReason, 'stop');
  });

  it('forces a call with tool_choice any / a named function, and json_schema content is a schema sample', async () => {
    const forced = mistralAdapter.decodeChatResponse(await (await sendThroughAdapter(emulator, userRequest('go', { tools: [weatherTool], toolChoice: { type: 'required' } }))).json());
    assert.equal(forced.content[0].type, 'tool_call');
    const json = mistralAdapter.decodeChatResponse(await (await sendThroughAdapter(emulator, userRequest('go', {
      responseFormat: { type: 'json_schema', name: 'out', schema: { type: 'object', properties: { ok: { type: 'boolean' } } } },
    }))).json());
    assert.deepEqual(JSON.parse(json.content[0].type === 'text' ? json.content[0].text : ''), { ok: true });
  });

  it('rejects what Mistral rejects: unknown fields (422), bad tool-call ids and a trailing assistant without prefix (400)', async () => {
    const extra = await postJson(emulator, '/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'x' }], seed: 1, max_completion_tokens: 5 }, auth);
    assert.equal(extra.status, 422);
    assert.deepEqual(await extra.json(), {
      object: 'error', type: 'invalid_request_error', param: null, code: null,
      message: { detail: [
        { type: 'extra_forbidden', loc: ['body', 'seed'], msg: 'Extra inputs are not permitted', input: 1 },
        { type: 'extra_forbidden', loc: ['body', 'max_completion_tokens'], msg: 'Extra inputs are not permitted', input: 5 },
      ] },
    });
    const failure = mistralAdapter.classifyError(422, {}, JSON.stringify({ detail: [{ loc: ['body', 'seed'], msg: 'Extra inputs are not permitted' }] }), 'mistral-emu');
    assert.equal(failure.clientError.param, 'seed');
    const badId = await postJson(emulator, '/v1/chat/completions', { model: 'm', messages: [
      { role: 'assistant', content: '', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: 'x' },
    ] }, auth);
    assert.equal(badId.status, 400);
    assert.match(((await badId.json()) as { message: string }).message, /Tool call id was call_1/);
    const trailing = await postJson(emulator, '/v1/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: 'y' }] }, auth);
    assert.equal(trailing.status, 400);
    const prefill = await sendThroughAdapter(emulator, userRequest('x', { messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }, { role: 'assistant', content: [{ type: 'text', text: 'y' }] }] }));
    assert.equal(prefill.status, 200);
  });
});
