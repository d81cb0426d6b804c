import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cohereAdapter } from '../../../src/providers/cohere/cohere-adapter.ts';
import { startEmulator, type Emulator } from '../server.ts';
import { postJson } from '../test-clients.ts';
import { COHERE_KEY, sendThroughAdapter, userRequest } from './adapter-client.ts';

const EIGHT = 'Switchyard emulated reply with plain deterministic words so';
const auth = { authorization: `Bearer ${COHERE_KEY}` };
const weather = { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } };

describe('Cohere emulator: POST /v2/chat (JSON)', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ provider: 'cohere', apiKey: COHERE_KEY });
  });
  after(() => emulator.close());

  it('returns the v2 chat response with billed units, tokens and cached tokens', async () => {
    const res = await postJson(emulator, '/v2/chat', { model: 'command-a-03-2025', messages: [{ role: 'user', content: 'hello there [emu cached_tokens=3]' }] }, auth);
    assert.equal(res.status, 200);
    const body = await res.json() as Record<string, unknown>;
    assert.match(body.id as string, /^[0-9a-f-]{36}$/);
    assert.deepEqual({ ...body, id: 'x' }, {
      id: 'x',
      message: { role: 'assistant', content: [{ type: 'text', text: EIGHT }] },
      finish_reason: 'COMPLETE',
      usage: { billed_units: { input_tokens: 9, output_tokens: 8 }, tokens: { input_tokens: 9, output_tokens: 8 }, cached_tokens: 3 },
    });
  });

  it('decodes through the adapter: thinking as reasoning, MAX_TOKENS cut, billed usage', async () => {
    const res = await sendThroughAdapter(emulator, userRequest('why [emu reasoning_tokens=2 tokens=5]', { maxOutputTokens: 6, reasoning: { budgetTokens: 100 } }));
    const decoded = cohereAdapter.decodeChatResponse(await res.json());
    assert.deepEqual(decoded.content, [{ type: 'reasoning', text: 'Switchyard emulated' }, { type: 'text', text: 'Switchyard emulated reply with' }]);
    assert.deepEqual([decoded.finishReason, decoded.rawFinishReason], ['length', 'MAX_TOKENS']);
    assert.deepEqual([decoded.usage.inputUncached, decoded.usage.inputCacheRead, decoded.usage.outputText], [5, 0, 6]);
  });

  it('tool calls (REQUIRED, tool_calls=N) decode and replay as tool_calls + tool results', async () => {
    const first = cohereAdapter.decodeChatResponse(await (await sendThroughAdapter(emulator, userRequest('go [emu tool_calls=2]', { tools: [weather], toolChoice: { type: 'required' } }))).json());
    assert.equal(first.finishReason, 'tool_calls');
    const calls = first.content.filter((p) => p.type === 'tool_call');
    assert.deepEqual(calls.map((c) => c.type === 'tool_call' && [c.name, JSON.parse(c.arguments)]), [['get_weather', { city: 'Switchyard' }], ['get_weather', { city: 'emulated' }]]);
    const replay = await sendThroughAdapter(emulator, userRequest('go', {
      tools: [weather],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'go' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Checking.' }, ...calls] },
        ...calls.map((c) => ({ role: 'tool' as const, toolCallId: c.type === 'tool_call' ? c.id : '', content: [{ type: 'text' as const, text: 'sunny' }] })),
      ],
    }));
    assert.equal(replay.status, 200);
    const sent = emulator.log.last()?.body as { messages: Array<Record<string, unknown>> };
    assert.equal(sent.messages[1].tool_plan, 'Checking.');
    assert.equal(cohereAdapter.decodeChatResponse(await replay.json()).finishReason, 'stop');
  });

  it('rejects unknown fields and bad tool_choice with Cohere {id, message} 400s', async () => {
    const res = await postJson(emulator, '/v2/chat', { model: 'c', messages: [{ role: 'user', content: 'x' }], top_p: 0.5 }, auth);
    assert.equal(res.status, 400);
    const body = await res.json() as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['id', 'message']);
    assert.equal(body.message, 'invalid request: unknown field: parameter top_p is not a valid field');
    const choice = await postJson(emulator, '/v2/chat', { model: 'c', messages: [{ role: 'user', content: 'x' }], tool_choice: 'required' }, auth);
    assert.equal(choice.status, 400);
  });
});
