import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { decodeCohereChatResponse } from './decode-cohere-chat-response.ts';

test('decodes thinking and text in order with billed_units as the billed usage', () => {
  const usage = { billed_units: { input_tokens: 8, output_tokens: 50 }, tokens: { input_tokens: 1394, output_tokens: 54 }, cached_tokens: 1360 };
  const res = decodeCohereChatResponse({
    id: 'c911', finish_reason: 'COMPLETE', usage,
    message: { role: 'assistant', content: [{ type: 'thinking', thinking: 'The user asks.' }, { type: 'text', text: '4' }] },
  });
  assert.deepEqual(res, {
    id: 'c911', model: '',
    content: [{ type: 'reasoning', text: 'The user asks.' }, { type: 'text', text: '4' }],
    finishReason: 'stop', rawFinishReason: 'COMPLETE',
    usage: { inputUncached: 8, inputCacheRead: 0, inputCacheWrite: 0, outputText: 50, outputReasoning: 0, raw: usage },
  });
});

test('decodes tool_plan as text before tool calls; "null" arguments become {}', () => {
  const res = decodeCohereChatResponse({
    id: 'f201', finish_reason: 'TOOL_CALL',
    message: { role: 'assistant', tool_plan: 'I will use the weather tool.', tool_calls: [
      { id: 'weather_dq', type: 'function', function: { name: 'weather', arguments: '{"location":"SF"}' } },
      { id: 'now_x', type: 'function', function: { name: 'now', arguments: 'null' } },
    ] },
    usage: { billed_units: { input_tokens: 119, output_tokens: 52 }, tokens: { input_tokens: 1549, output_tokens: 103 } },
  });
  assert.deepEqual(res.content, [
    { type: 'text', text: 'I will use the weather tool.' },
    { type: 'tool_call', id: 'weather_dq', name: 'weather', arguments: '{"location":"SF"}' },
    { type: 'tool_call', id: 'now_x', name: 'now', arguments: '{}' },
  ]);
  assert.deepEqual([res.finishReason, res.usage.inputUncached, res.usage.outputText], ['tool_calls', 119, 52]);
});

test('maps every finish reason and falls back to tokens when billed_units is absent', () => {
  const reason = (r: string) => decodeCohereChatResponse({ finish_reason: r, message: {} }).finishReason;
  assert.deepEqual(['COMPLETE', 'STOP_SEQUENCE', 'MAX_TOKENS', 'TOOL_CALL', 'ERROR', 'TIMEOUT', 'CONTENT_BLOCKED', 'max_tokens', 'NEW'].map(reason),
    ['stop', 'stop', 'length', 'tool_calls', 'error', 'error', 'content_filter', 'length', 'other']);
  const u = decodeCohereChatResponse({ finish_reason: 'COMPLETE', message: {}, usage: { tokens: { input_tokens: 5, output_tokens: 2 } } }).usage;
  assert.deepEqual([u.inputUncached, u.outputText], [5, 2]);
});

test('rejects bodies without a message', () => {
  for (const body of [null, [], { id: 'x' }, { message: { tool_calls: [{ id: 'a' }] } }]) {
    assert.throws(() => decodeCohereChatResponse(body), (e: unknown) => e instanceof UpstreamProtocolError && e.kind === 'malformed');
  }
});
