import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StreamEvent } from '../../canonical/stream-event.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { CohereStreamDecoder } from './cohere-stream-decoder.ts';

const ev = (data: Record<string, unknown>) => `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`;
const start = ev({ id: 'c911', type: 'message-start', delta: { message: { role: 'assistant', content: [], tool_plan: '', tool_calls: [], citations: [] } } });
const usage = { billed_units: { input_tokens: 8, output_tokens: 50 }, tokens: { input_tokens: 1394, output_tokens: 54 }, cached_tokens: 1360 };
const end = (finish: string) => ev({ type: 'message-end', delta: { finish_reason: finish, usage } });

function decode(body: string, splitEvery = 0): StreamEvent[] {
  const d = new CohereStreamDecoder();
  const bytes = Buffer.from(body);
  const step = splitEvery > 0 ? splitEvery : bytes.length;
  const events: StreamEvent[] = [];
  for (let i = 0; i < bytes.length; i += step) events.push(...d.push(bytes.subarray(i, i + step)));
  events.push(...d.end());
  return events;
}

test('reasoning then text blocks, usage from billed_units and finish at message-end (any split)', () => {
  const body = start
    + ev({ type: 'content-start', index: 0, delta: { message: { content: { type: 'thinking', thinking: '' } } } })
    + ev({ type: 'content-delta', index: 0, delta: { message: { content: { thinking: 'The' } } } })
    + ev({ type: 'content-end', index: 0 })
    + ev({ type: 'content-start', index: 1, delta: { message: { content: { type: 'text', text: '' } } } })
    + ev({ type: 'content-delta', index: 1, delta: { message: { content: { text: '4' } } } })
    + ev({ type: 'citation-start', index: 0, delta: { message: { citations: {} } } })
    + ev({ type: 'some-future-event' })
    + ev({ type: 'content-end', index: 1 })
    + end('COMPLETE') + 'data: [DONE]\n\n';
  const expected: StreamEvent[] = [
    { type: 'message_start', id: 'c911', model: '' },
    { type: 'reasoning_start', block: 0 },
    { type: 'reasoning_delta', block: 0, text: 'The' },
    { type: 'reasoning_end', block: 0 },
    { type: 'text_start', block: 1 },
    { type: 'text_delta', block: 1, text: '4' },
    { type: 'text_end', block: 1 },
    { type: 'usage', usage: { inputUncached: 8, inputCacheRead: 0, inputCacheWrite: 0, outputText: 50, outputReasoning: 0, raw: usage } },
    { type: 'finish', finishReason: 'stop', rawFinishReason: 'COMPLETE' },
  ];
  assert.deepEqual(decode(body), expected);
  assert.deepEqual(decode(body, 5), expected);
});

test('tool plan streams as a text block closed by the first tool call; argument fragments per call', () => {
  const call = (index: number, id: string, name: string) => ev({ type: 'tool-call-start', index, delta: { message: { tool_calls: { id, type: 'function', function: { name, arguments: '' } } } } });
  const args = (index: number, a: string) => ev({ type: 'tool-call-delta', index, delta: { message: { tool_calls: { function: { arguments: a } } } } });
  const body = start
    + ev({ type: 'tool-plan-delta', delta: { message: { tool_plan: 'I will' } } })
    + ev({ type: 'tool-plan-delta', delta: { message: { tool_plan: ' check.' } } })
    + call(0, 'weather_e8', 'weather') + args(0, '{"location"') + args(0, ': "SF"}') + ev({ type: 'tool-call-end', index: 0 })
    + call(1, 'city_py', 'city') + args(1, '{}') + ev({ type: 'tool-call-end', index: 1 })
    + end('TOOL_CALL');
  assert.deepEqual(decode(body).slice(1, -2), [
    { type: 'text_start', block: 0 },
    { type: 'text_delta', block: 0, text: 'I will' },
    { type: 'text_delta', block: 0, text: ' check.' },
    { type: 'text_end', block: 0 },
    { type: 'tool_call_start', block: 1, id: 'weather_e8', name: 'weather' },
    { type: 'tool_call_delta', block: 1, argumentsDelta: '{"location"' },
    { type: 'tool_call_delta', block: 1, argumentsDelta: ': "SF"}' },
    { type: 'tool_call_end', block: 1 },
    { type: 'tool_call_start', block: 2, id: 'city_py', name: 'city' },
    { type: 'tool_call_delta', block: 2, argumentsDelta: '{}' },
    { type: 'tool_call_end', block: 2 },
  ]);
  assert.deepEqual(decode(body).at(-1), { type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'TOOL_CALL' });
});

test('message-end closes blocks left open; a body without message-end is a cut', () => {
  const open = start + ev({ type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: 'Hi' } } } });
  assert.deepEqual(decode(open + end('MAX_TOKENS')).slice(1).map((e) => e.type), ['text_start', 'text_delta', 'text_end', 'usage', 'finish']);
  const d = new CohereStreamDecoder();
  d.push(Buffer.from(open));
  assert.throws(() => d.end(), (e: unknown) => e instanceof UpstreamProtocolError && e.kind === 'cut');
});

test('malformed data throws malformed after the events before it', () => {
  const d = new CohereStreamDecoder();
  assert.deepEqual(d.push(Buffer.from(`${start}event: content-delta\ndata: {"type": broken\n\n`)).map((e) => e.type), ['message_start']);
  assert.throws(() => d.end(), (e: unknown) => e instanceof UpstreamProtocolError && e.kind === 'malformed');
  assert.throws(() => new CohereStreamDecoder().push(Buffer.from(ev({ type: 'tool-call-delta', index: 3 }))), (e: unknown) => e instanceof UpstreamProtocolError && e.kind === 'malformed');
});
