import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StreamEvent } from '../../canonical/stream-event.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { MistralStreamDecoder } from './mistral-stream-decoder.ts';

const head = { id: 'b581', object: 'chat.completion.chunk', created: 1, model: 'mistral-small-latest' };
const frame = (o: unknown) => `data: ${typeof o === 'string' ? o : JSON.stringify(o)}\n\n`;
const chunk = (delta: unknown, finish: string | null = null, extra: object = {}) => frame({ ...head, choices: [{ index: 0, delta, finish_reason: finish }], ...extra });

function decode(body: string, splitEvery = 0): StreamEvent[] {
  const d = new MistralStreamDecoder();
  const events: StreamEvent[] = [];
  const bytes = Buffer.from(body);
  const step = splitEvery > 0 ? splitEvery : bytes.length;
  for (let i = 0; i < bytes.length; i += step) events.push(...d.push(bytes.subarray(i, i + step)));
  events.push(...d.end());
  return events;
}

test('text stream: message_start, one text block, usage from the finish chunk, finish at [DONE] (any split)', () => {
  const usage = { prompt_tokens: 19, total_tokens: 21, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 3 } };
  const body = chunk({ role: 'assistant', content: '' }) + chunk({ content: 'O' }) + chunk({ content: 'K' }) + chunk({ content: '' }, 'stop', { usage }) + frame('[DONE]');
  const expected: StreamEvent[] = [
    { type: 'message_start', id: 'b581', model: 'mistral-small-latest' },
    { type: 'text_start', block: 0 },
    { type: 'text_delta', block: 0, text: 'O' },
    { type: 'text_delta', block: 0, text: 'K' },
    { type: 'text_end', block: 0 },
    { type: 'usage', usage: { inputUncached: 16, inputCacheRead: 3, inputCacheWrite: 0, outputText: 2, outputReasoning: 0, raw: usage } },
    { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop' },
  ];
  assert.deepEqual(decode(body), expected);
  assert.deepEqual(decode(body, 7), expected);
});

test('thinking chunks become a reasoning block that closes when text starts', () => {
  const body = chunk({ role: 'assistant', content: [{ type: 'thinking', thinking: [{ type: 'text', text: 'The user' }] }] })
    + chunk({ content: [{ type: 'thinking', thinking: [{ type: 'text', text: ' asks.' }] }] })
    + chunk({ content: [{ type: 'text', text: '4' }] })
    + chunk({ content: '' }, 'stop', { usage: { prompt_tokens: 10, completion_tokens: 46 } }) + frame('[DONE]');
  assert.deepEqual(decode(body).slice(1, 7), [
    { type: 'reasoning_start', block: 0 },
    { type: 'reasoning_delta', block: 0, text: 'The user' },
    { type: 'reasoning_delta', block: 0, text: ' asks.' },
    { type: 'reasoning_end', block: 0 },
    { type: 'text_start', block: 1 },
    { type: 'text_delta', block: 1, text: '4' },
  ]);
});

test('tool calls: whole calls, fragments by index, and a new id at a reused index', () => {
  const body = chunk({ role: 'assistant', content: 'Let me check.' })
    + chunk({ tool_calls: [{ id: 'abcDEF123', type: 'function', function: { name: 'web', arguments: '' }, index: 0 }], content: '' })
    + chunk({ tool_calls: [{ type: 'function', function: { name: '', arguments: '{"q": ' }, index: 0 }] })
    + chunk({ tool_calls: [{ function: { name: '', arguments: '"x"}' }, index: 0 }] })
    + chunk({ tool_calls: [{ id: 'zzzzzzzz9', function: { name: 'time', arguments: { tz: 'UTC' } }, index: 0 }] })
    + chunk({ content: '' }, 'tool_calls') + frame('[DONE]');
  assert.deepEqual(decode(body).slice(1), [
    { type: 'text_start', block: 0 },
    { type: 'text_delta', block: 0, text: 'Let me check.' },
    { type: 'text_end', block: 0 },
    { type: 'tool_call_start', block: 1, id: 'abcDEF123', name: 'web' },
    { type: 'tool_call_delta', block: 1, argumentsDelta: '{"q": ' },
    { type: 'tool_call_delta', block: 1, argumentsDelta: '"x"}' },
    { type: 'tool_call_end', block: 1 },
    { type: 'tool_call_start', block: 2, id: 'zzzzzzzz9', name: 'time' },
    { type: 'tool_call_delta', block: 2, argumentsDelta: '{"tz":"UTC"}' },
    { type: 'tool_call_end', block: 2 },
    { type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'tool_calls' },
  ]);
});

test('parallel calls with distinct indexes stay open until the finish chunk', () => {
  const body = chunk({ tool_calls: [
    { id: 'aaaaaaaa1', function: { name: 'a', arguments: '{}' }, index: 0 },
    { id: 'bbbbbbbb2', function: { name: 'b', arguments: '{}' }, index: 1 },
  ] }) + chunk({ content: '' }, 'tool_calls') + frame('[DONE]');
  assert.deepEqual(decode(body).map((e) => e.type), ['message_start', 'tool_call_start', 'tool_call_delta', 'tool_call_start', 'tool_call_delta', 'tool_call_end', 'tool_call_end', 'finish']);
});

test('a body that ends before [DONE] is a cut, even after the finish chunk', () => {
  const d = new MistralStreamDecoder();
  const events = d.push(Buffer.from(chunk({ content: 'hi' }) + chunk({ content: '' }, 'stop')));
  assert.equal(events.at(-1)?.type, 'text_end');
  assert.throws(() => d.end(), (e: unknown) => e instanceof UpstreamProtocolError && e.kind === 'cut');
});

test('malformed data is reported after the events decoded before it; in-band errors throw upstream_error', () => {
  const d = new MistralStreamDecoder();
  const events = d.push(Buffer.from(chunk({ content: 'hi' }) + 'data: {"id": broken\n\n'));
  assert.deepEqual(events.map((e) => e.type), ['message_start', 'text_start', 'text_delta']);
  assert.throws(() => d.push(Buffer.from(frame('[DONE]'))), (e: unknown) => e instanceof UpstreamProtocolError && e.kind === 'malformed');
  const err = new MistralStreamDecoder();
  assert.throws(() => err.push(Buffer.from(frame({ object: 'error', message: 'Service tier capacity exceeded', type: 'service_tier_capacity_exceeded', code: '3505' }))),
    (e: unknown) => e instanceof UpstreamProtocolError && e.kind === 'upstream_error' && e.code === 'service_tier_capacity_exceeded');
});
