import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CanonicalRequest } from '../../canonical/request.ts';
import type { ProviderConfig } from '../../config/types.ts';
import { cohereAdapter } from './cohere-adapter.ts';
import { encodeCohereChatBody } from './encode-cohere-chat-request.ts';

function request(over: Partial<CanonicalRequest> = {}): CanonicalRequest {
  return { model: 'command-a-03-2025', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], tools: [], stream: false, ...over };
}

const provider = { id: 'co', type: 'cohere', baseUrl: 'https://api.cohere.com/v2', apiKey: 'co-key', headers: {} } as unknown as ProviderConfig;
const weather = { name: 'get_weather', description: 'Weather', parameters: { type: 'object' } };
const time = { name: 'get_time', parameters: { type: 'object' } };

test('maps sampling fields to Cohere names (p, k, stop_sequences, seed) and drops what Cohere lacks', () => {
  assert.deepEqual(encodeCohereChatBody(request({
    maxOutputTokens: 50, temperature: 0.3, topP: 0.8, topK: 40, stopSequences: ['END'], seed: 9,
    frequencyPenalty: 0.1, presencePenalty: 0.2, user: 'u', parallelToolCalls: false, stream: true,
  })), {
    model: 'command-a-03-2025', messages: [{ role: 'user', content: 'hi' }], stream: true,
    max_tokens: 50, temperature: 0.3, p: 0.8, k: 40, stop_sequences: ['END'], seed: 9, frequency_penalty: 0.1, presence_penalty: 0.2,
  });
});

test('tool choice: auto omitted, required → REQUIRED, none → NONE, a named tool → REQUIRED with only that tool', () => {
  const auto = encodeCohereChatBody(request({ tools: [weather, time], toolChoice: { type: 'auto' } }));
  assert.deepEqual(auto.tools, [
    { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' }, description: 'Weather' } },
    { type: 'function', function: { name: 'get_time', parameters: { type: 'object' } } },
  ]);
  assert.equal(auto.tool_choice, undefined);
  assert.equal(auto.strict_tools, undefined);
  assert.equal(encodeCohereChatBody(request({ tools: [weather], toolChoice: { type: 'required' } })).tool_choice, 'REQUIRED');
  assert.equal(encodeCohereChatBody(request({ tools: [weather], toolChoice: { type: 'none' } })).tool_choice, 'NONE');
  const forced = encodeCohereChatBody(request({ tools: [weather, time], toolChoice: { type: 'tool', name: 'get_time' } }));
  assert.deepEqual([forced.tool_choice, forced.tools?.map((t) => t.function.name)], ['REQUIRED', ['get_time']]);
  assert.equal(encodeCohereChatBody(request({ tools: [{ ...weather, strict: true }, { ...time, strict: true }] })).strict_tools, true);
  assert.equal(encodeCohereChatBody(request({ tools: [{ ...weather, strict: true }, time] })).strict_tools, undefined);
});

test('response formats, reasoning to thinking, and cohere extensions', () => {
  assert.deepEqual(encodeCohereChatBody(request({ responseFormat: { type: 'json_object' } })).response_format, { type: 'json_object' });
  assert.deepEqual(encodeCohereChatBody(request({ responseFormat: { type: 'json_schema', name: 'r', schema: { type: 'object' } } })).response_format,
    { type: 'json_object', json_schema: { type: 'object' } });
  assert.equal(encodeCohereChatBody(request({ responseFormat: { type: 'text' } })).response_format, undefined);
  assert.deepEqual(encodeCohereChatBody(request({ reasoning: { budgetTokens: 2048 } })).thinking, { type: 'enabled', token_budget: 2048 });
  assert.deepEqual(encodeCohereChatBody(request({ reasoning: { effort: 'high' } })).thinking, { type: 'enabled' });
  const ext = encodeCohereChatBody(request({ extensions: { cohere: { safety_mode: 'STRICT', thinking: { type: 'disabled' }, priority: 'x' } } }));
  assert.deepEqual([ext.safety_mode, ext.thinking, ext.priority], ['STRICT', { type: 'disabled' }, undefined]);
});

test('converts a conversation: system, images, thinking, tool_plan + tool_calls, tool results', () => {
  const body = encodeCohereChatBody(request({
    system: [{ type: 'text', text: 'Be brief.' }, { type: 'text', text: 'Metric.' }],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'See' }, { type: 'image', source: { kind: 'url', url: 'https://x/a.png' } }] },
      { role: 'assistant', content: [{ type: 'reasoning', text: 'plan it' }, { type: 'text', text: 'I will check.' }, { type: 'tool_call', id: 'get_weather_1', name: 'get_weather', arguments: '{"c":"Paris"}' }] },
      { role: 'tool', toolCallId: 'get_weather_1', content: [{ type: 'text', text: '{"t":20}' }] },
      { role: 'assistant', content: [{ type: 'text', text: '20 degrees.' }] },
      { role: 'user', content: [{ type: 'text', text: 'thanks' }] },
    ],
  }));
  assert.deepEqual(body.messages, [
    { role: 'system', content: 'Be brief.\n\nMetric.' },
    { role: 'user', content: [{ type: 'text', text: 'See' }, { type: 'image_url', image_url: { url: 'https://x/a.png' } }] },
    { role: 'assistant', tool_plan: 'I will check.', tool_calls: [{ id: 'get_weather_1', type: 'function', function: { name: 'get_weather', arguments: '{"c":"Paris"}' } }],
      content: [{ type: 'thinking', thinking: 'plan it' }] },
    { role: 'tool', tool_call_id: 'get_weather_1', content: [{ type: 'text', text: '{"t":20}' }] },
    { role: 'assistant', content: [{ type: 'text', text: '20 degrees.' }] },
    { role: 'user', content: 'thanks' },
  ]);
});

test('the adapter posts to /chat and signs with a Bearer key', async () => {
  const encoded = cohereAdapter.encodeChatRequest(request(), provider);
  assert.deepEqual([encoded.path, encoded.headers.accept], ['/chat', 'application/json']);
  const signed = await cohereAdapter.sign(encoded, provider, { now: Date.now, cache: new Map(), fetchJson: async () => ({ status: 200, json: {} }) });
  assert.equal(signed.headers.authorization, 'Bearer co-key');
});
