import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { decodeMistralChatResponse } from './decode-mistral-chat-response.ts';

test('decodes string content, finish reason and usage with cached tokens subtracted', () => {
  const usage = { prompt_tokens: 19, total_tokens: 21, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 7 }, service_tier: 'standard' };
  const res = decodeMistralChatResponse({
    id: 'a298', created: 1787865809, model: 'mistral-small-latest', object: 'chat.completion', usage,
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', tool_calls: null, content: 'OK' } }],
  });
  assert.deepEqual(res, {
    id: 'a298', model: 'mistral-small-latest', created: 1787865809,
    content: [{ type: 'text', text: 'OK' }],
    finishReason: 'stop', rawFinishReason: 'stop',
    usage: { inputUncached: 12, inputCacheRead: 7, inputCacheWrite: 0, outputText: 2, outputReasoning: 0, raw: usage },
  });
});

test('decodes Magistral thinking chunks as reasoning before text, in order', () => {
  const res = decodeMistralChatResponse({
    id: 'r', model: 'magistral-medium-latest', usage: { prompt_tokens: 26, completion_tokens: 112 },
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: [
      { type: 'thinking', thinking: [{ type: 'text', text: 'Count ' }, { type: 'text', text: 'the rs.' }], closed: true },
      { type: 'text', text: '3' },
      { type: 'text', text: '.' },
    ] } }],
  });
  assert.deepEqual(res.content, [{ type: 'reasoning', text: 'Count the rs.' }, { type: 'text', text: '3.' }]);
  assert.equal(res.usage.outputText, 112);
  assert.equal(res.usage.outputReasoning, 0);
});

test('decodes tool calls with string or object arguments and maps every finish reason', () => {
  const res = decodeMistralChatResponse({
    id: 't', model: 'm',
    choices: [{ index: 0, finish_reason: 'tool_calls', message: { role: 'assistant', content: '', tool_calls: [
      { id: 'gSIMJiOkT', function: { name: 'weather', arguments: '{"location": "SF"}' } },
      { id: 'aaaaaaaa1', type: 'function', function: { name: 'time', arguments: { tz: 'UTC' } } },
    ] } }],
  });
  assert.deepEqual(res.content, [
    { type: 'tool_call', id: 'gSIMJiOkT', name: 'weather', arguments: '{"location": "SF"}' },
    { type: 'tool_call', id: 'aaaaaaaa1', name: 'time', arguments: '{"tz":"UTC"}' },
  ]);
  assert.equal(res.finishReason, 'tool_calls');
  const reason = (r: string) => decodeMistralChatResponse({ choices: [{ finish_reason: r, message: { content: null } }] }).finishReason;
  assert.deepEqual(['stop', 'length', 'model_length', 'tool_calls', 'error', 'weird'].map(reason), ['stop', 'length', 'length', 'tool_calls', 'error', 'other']);
});

test('rejects bodies that are not chat completions', () => {
  for (const body of [null, {}, { choices: [] }, { choices: [{ message: 'x' }] }]) {
    assert.throws(() => decodeMistralChatResponse(body), (e: unknown) => e instanceof UpstreamProtocolError && e.kind === 'malformed');
  }
});
