import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CanonicalRequest } from '../../canonical/request.ts';
import { encodeMistralChatBody } from './encode-mistral-chat-request.ts';
import { toMistralToolCallId } from './map-mistral-tool-call-id.ts';
import { mistralAdapter } from './mistral-adapter.ts';
import type { ProviderConfig } from '../../config/types.ts';

function request(over: Partial<CanonicalRequest> = {}): CanonicalRequest {
  return { model: 'mistral-small-latest', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], tools: [], stream: false, ...over };
}

const provider = { id: 'mis', type: 'mistral', baseUrl: 'https://api.mistral.ai/v1', apiKey: 'sk-m', headers: { 'x-team': 'a' } } as unknown as ProviderConfig;

test('maps sampling fields to Mistral names and drops what Mistral rejects', () => {
  const body = encodeMistralChatBody(request({
    maxOutputTokens: 100, temperature: 0.2, topP: 0.9, topK: 40, seed: 7, stopSequences: ['END'],
    presencePenalty: 0.1, frequencyPenalty: 0.3, user: 'u1', stream: true,
  }));
  assert.deepEqual(body, {
    model: 'mistral-small-latest',
    messages: [{ role: 'user', content: 'hi' }],
    stream: true, max_tokens: 100, temperature: 0.2, top_p: 0.9, stop: ['END'], random_seed: 7,
    presence_penalty: 0.1, frequency_penalty: 0.3,
  });
});

test('encodes tools, every tool_choice form, parallel_tool_calls and response formats', () => {
  const tools = [{ name: 'get_weather', description: 'Weather', parameters: { type: 'object' }, strict: true }];
  const base = encodeMistralChatBody(request({ tools, parallelToolCalls: false, toolChoice: { type: 'required' } }));
  assert.deepEqual(base.tools, [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' }, description: 'Weather', strict: true } }]);
  assert.equal(base.parallel_tool_calls, false);
  assert.equal(base.tool_choice, 'any');
  assert.equal(encodeMistralChatBody(request({ tools, toolChoice: { type: 'auto' } })).tool_choice, 'auto');
  assert.equal(encodeMistralChatBody(request({ tools, toolChoice: { type: 'none' } })).tool_choice, 'none');
  assert.deepEqual(encodeMistralChatBody(request({ tools, toolChoice: { type: 'tool', name: 'get_weather' } })).tool_choice,
    { type: 'function', function: { name: 'get_weather' } });
  assert.equal(encodeMistralChatBody(request({ toolChoice: { type: 'none' } })).tool_choice, undefined);
  assert.deepEqual(encodeMistralChatBody(request({ responseFormat: { type: 'json_object' } })).response_format, { type: 'json_object' });
  assert.equal(encodeMistralChatBody(request({ responseFormat: { type: 'text' } })).response_format, undefined);
  assert.deepEqual(encodeMistralChatBody(request({ responseFormat: { type: 'json_schema', name: 'r', schema: { type: 'object' }, strict: true } })).response_format,
    { type: 'json_schema', json_schema: { name: 'r', schema: { type: 'object' }, strict: true } });
});

test('reasoning becomes reasoning_effort high; Mistral-only extensions pass through with the right types', () => {
  assert.equal(encodeMistralChatBody(request({ reasoning: { effort: 'low' } })).reasoning_effort, 'high');
  const body = encodeMistralChatBody(request({
    extensions: {
      openai: { safe_prompt: true, prompt_cache_key: 'conv-1', reasoning_effort: 'medium' },
      mistral: { prompt_mode: 'reasoning', reasoning_effort: 'none', safe_prompt: 'yes' },
    },
  }));
  assert.equal(body.safe_prompt, true);
  assert.equal(body.prompt_cache_key, 'conv-1');
  assert.equal(body.prompt_mode, 'reasoning');
  assert.equal(body.reasoning_effort, 'none');
});

test('converts a full conversation: system, images, reasoning, tool calls with mapped ids, tool results, prefill', () => {
  const body = encodeMistralChatBody(request({
    system: [{ type: 'text', text: 'Be brief.' }, { type: 'text', text: 'Use metric.' }],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'Look:' }, { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAA' } }, { type: 'image', source: { kind: 'url', url: 'https://x/y.png' }, detail: 'high' }] },
      { role: 'assistant', content: [{ type: 'reasoning', text: 'think' }, { type: 'text', text: 'Calling.' }, { type: 'tool_call', id: 'call_abc', name: 'get_weather', arguments: '{"c":"Paris"}' }] },
      { role: 'tool', toolCallId: 'call_abc', toolName: 'get_weather', content: [{ type: 'text', text: '{"t":' }, { type: 'text', text: '20}' }] },
      { role: 'assistant', content: [{ type: 'tool_call', id: 'aB3dE6gH9', name: 'get_weather', arguments: '{}' }] },
      { role: 'tool', toolCallId: 'aB3dE6gH9', content: [{ type: 'text', text: 'ok' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'The answer is' }] },
    ],
  }));
  const mapped = toMistralToolCallId('call_abc');
  assert.deepEqual(body.messages, [
    { role: 'system', content: 'Be brief.\n\nUse metric.' },
    { role: 'user', content: [
      { type: 'text', text: 'Look:' },
      { type: 'image_url', image_url: 'data:image/png;base64,AAA' },
      { type: 'image_url', image_url: { url: 'https://x/y.png', detail: 'high' } },
    ] },
    { role: 'assistant', content: [
      { type: 'thinking', thinking: [{ type: 'text', text: 'think' }], closed: true },
      { type: 'text', text: 'Calling.' },
    ], tool_calls: [{ id: mapped, type: 'function', function: { name: 'get_weather', arguments: '{"c":"Paris"}' } }] },
    { role: 'tool', tool_call_id: mapped, content: '{"t":20}', name: 'get_weather' },
    { role: 'assistant', tool_calls: [{ id: 'aB3dE6gH9', type: 'function', function: { name: 'get_weather', arguments: '{}' } }] },
    { role: 'tool', tool_call_id: 'aB3dE6gH9', content: 'ok' },
    { role: 'assistant', content: 'The answer is', prefix: true },
  ]);
});

test('the adapter posts to /chat/completions and signs with a Bearer key after translation', async () => {
  const encoded = mistralAdapter.encodeChatRequest(request({ stream: true }), provider);
  assert.equal(encoded.method, 'POST');
  assert.equal(encoded.path, '/chat/completions');
  assert.deepEqual(encoded.headers, { 'x-team': 'a', 'content-type': 'application/json', accept: 'text/event-stream' });
  assert.equal(JSON.parse(encoded.body).stream, true);
  const signed = await mistralAdapter.sign(encoded, provider, { now: Date.now, cache: new Map(), fetchJson: async () => ({ status: 200, json: {} }) });
  assert.equal(signed.headers.authorization, 'Bearer sk-m');
  assert.equal('authorization' in encoded.headers, false);
  assert.deepEqual(mistralAdapter.encodeChatRequest(request(), provider), mistralAdapter.encodeChatRequest(request(), provider));
});
