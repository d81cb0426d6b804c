import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { StreamEvent } from '../../canonical/stream-event.ts';
import { HttpError } from '../../server/http-error.ts';
import { SseParser } from '../../streaming/sse-parser.ts';
import { createResponsesStreamEncoder } from './responses-stream-encoder.ts';

const ctx = { requestId: 'r-1', publicModel: 'smart', createdAt: 1_700_000_000, includeUsage: false };
const usage = { inputUncached: 5, inputCacheRead: 1, inputCacheWrite: 0, outputText: 6, outputReasoning: 2 };

type Frame = { event: string; data: Record<string, unknown> & { type: string; sequence_number: number } };

function parse(text: string): Frame[] {
  const frames: Frame[] = [];
  const parser = new SseParser((e) => frames.push({ event: e.event ?? '', data: JSON.parse(e.data) }));
  parser.push(text);
  for (const f of frames) assert.equal(f.event, f.data.type, 'the SSE event name is the event type');
  assert.deepEqual(frames.map((f) => f.data.sequence_number), frames.map((_, i) => i), 'sequence numbers count up from 0');
  return frames;
}

function run(events: StreamEvent[], tail: 'end' | HttpError = 'end'): { chunks: string[]; frames: Frame[] } {
  const enc = createResponsesStreamEncoder(ctx);
  const chunks = events.map((e) => enc.event(e));
  chunks.push(tail === 'end' ? enc.end() : enc.error(tail));
  return { chunks, frames: parse(chunks.join('')) };
}

describe('createResponsesStreamEncoder', () => {
  test('reasoning, text and a tool call: the documented event sequence and the final response', () => {
    const { chunks, frames } = run([
      { type: 'message_start', id: 'up', model: 'claude' },
      { type: 'usage', usage: { ...usage, outputText: 0, outputReasoning: 0 } },
      { type: 'reasoning_start', block: 0 },
      { type: 'reasoning_delta', block: 0, text: 'Let me ' },
      { type: 'reasoning_delta', block: 0, text: 'think.' },
      { type: 'reasoning_signature', block: 0, signature: 'sig-1' },
      { type: 'reasoning_end', block: 0 },
      { type: 'text_start', block: 1 },
      { type: 'text_delta', block: 1, text: 'Hel' },
      { type: 'text_delta', block: 1, text: 'lo' },
      { type: 'text_end', block: 1 },
      { type: 'tool_call_start', block: 2, id: 'call_9', name: 'get_weather' },
      { type: 'tool_call_delta', block: 2, argumentsDelta: '{"city":' },
      { type: 'tool_call_delta', block: 2, argumentsDelta: '"Paris"}' },
      { type: 'tool_call_end', block: 2 },
      { type: 'usage', usage },
      { type: 'finish', finishReason: 'tool_calls' },
    ]);
    assert.deepEqual(chunks.slice(0, 2), ['', ''], 'nothing is written before the first content, so the attempt can still fail over');
    assert.deepEqual(frames.map((f) => f.data.type), [
      'response.created', 'response.in_progress',
      'response.output_item.added', 'response.reasoning_summary_part.added', 'response.reasoning_summary_text.delta', 'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done', 'response.reasoning_summary_part.done', 'response.output_item.done',
      'response.output_item.added', 'response.content_part.added', 'response.output_text.delta', 'response.output_text.delta',
      'response.output_text.done', 'response.content_part.done', 'response.output_item.done',
      'response.output_item.added', 'response.function_call_arguments.delta', 'response.function_call_arguments.delta',
      'response.function_call_arguments.done', 'response.output_item.done',
      'response.completed',
    ]);
    const created = frames[0].data.response as Record<string, unknown>;
    assert.equal(created.status, 'in_progress');
    assert.deepEqual(created.output, []);
    assert.equal(created.usage, undefined);
    assert.deepEqual(frames[2].data, { type: 'response.output_item.added', output_index: 0, item: { type: 'reasoning', id: 'rs_r1_0', summary: [] }, sequence_number: 2 });
    assert.deepEqual(frames[4].data, { type: 'response.reasoning_summary_text.delta', item_id: 'rs_r1_0', output_index: 0, summary_index: 0, delta: 'Let me ', sequence_number: 4 });
    assert.deepEqual(frames[8].data.item, { type: 'reasoning', id: 'rs_r1_0', summary: [{ type: 'summary_text', text: 'Let me think.' }], encrypted_content: 'sig-1' });
    assert.deepEqual(frames[10].data, {
      type: 'response.content_part.added', item_id: 'msg_r1_1', output_index: 1, content_index: 0, part: { type: 'output_text', text: '', annotations: [] }, sequence_number: 10,
    });
    assert.deepEqual(frames[11].data, { type: 'response.output_text.delta', item_id: 'msg_r1_1', output_index: 1, content_index: 0, delta: 'Hel', logprobs: [], sequence_number: 11 });
    assert.equal(frames[13].data.text, 'Hello');
    assert.deepEqual(frames[16].data.item, { type: 'function_call', id: 'fc_r1_2', call_id: 'call_9', name: 'get_weather', arguments: '', status: 'in_progress' });
    assert.deepEqual(frames[19].data, { type: 'response.function_call_arguments.done', item_id: 'fc_r1_2', output_index: 2, arguments: '{"city":"Paris"}', sequence_number: 19 });
    const done = frames[21].data.response as Record<string, unknown>;
    assert.equal(done.status, 'completed');
    assert.deepEqual(done.output, [frames[8].data.item, frames[15].data.item, frames[20].data.item]);
    assert.deepEqual(done.usage, {
      input_tokens: 6, input_tokens_details: { cached_tokens: 1, cache_write_tokens: 0 }, output_tokens: 8, output_tokens_details: { reasoning_tokens: 2 }, total_tokens: 14,
    });
  });

  test('a length finish ends with response.incomplete; open items are closed as incomplete', () => {
    const { frames } = run([
      { type: 'text_delta', block: 0, text: 'cut' },
      { type: 'finish', finishReason: 'length' },
      { type: 'usage', usage },
    ]);
    const types = frames.map((f) => f.data.type);
    assert.deepEqual(types.slice(-4), ['response.output_text.done', 'response.content_part.done', 'response.output_item.done', 'response.incomplete']);
    const final = frames.at(-1)!.data.response as { status: string; incomplete_details: unknown; output: { status: string }[]; usage: { output_tokens: number } };
    assert.equal(final.status, 'incomplete');
    assert.deepEqual(final.incomplete_details, { reason: 'max_output_tokens' });
    assert.equal(final.output[0].status, 'incomplete');
    assert.equal(final.usage.output_tokens, 8);
  });

  test('an empty stream still opens and completes the response', () => {
    const { frames } = run([{ type: 'finish', finishReason: 'stop' }]);
    assert.deepEqual(frames.map((f) => f.data.type), ['response.created', 'response.in_progress', 'response.completed']);
  });

  test('interleaved parallel tool calls keep their own items', () => {
    const { frames } = run([
      { type: 'tool_call_start', block: 0, id: 'a', name: 'f' },
      { type: 'tool_call_start', block: 1, id: 'b', name: 'g' },
      { type: 'tool_call_delta', block: 1, argumentsDelta: '{"y":2}' },
      { type: 'tool_call_delta', block: 0, argumentsDelta: '{"x":1}' },
      { type: 'tool_call_end', block: 0 },
      { type: 'tool_call_end', block: 1 },
      { type: 'finish', finishReason: 'tool_calls' },
    ]);
    const final = frames.at(-1)!.data.response as { output: { call_id: string; arguments: string }[] };
    assert.deepEqual(final.output.map((o) => [o.call_id, o.arguments]), [['a', '{"x":1}'], ['b', '{"y":2}']]);
  });

  test('an error after content: response.failed with the partial output, then an error event, no completed', () => {
    const { frames } = run([{ type: 'text_delta', block: 0, text: 'part' }], new HttpError(502, 'upstream_error', 'upstream_cut', 'provider ended the stream early'));
    const types = frames.map((f) => f.data.type);
    assert.deepEqual(types.slice(-2), ['response.failed', 'error']);
    assert.ok(!types.includes('response.completed'));
    const failed = frames.at(-2)!.data.response as { status: string; error: unknown; output: { status: string; content: { text: string }[] }[] };
    assert.equal(failed.status, 'failed');
    assert.deepEqual(failed.error, { code: 'server_error', message: 'provider ended the stream early' });
    assert.equal(failed.output[0].status, 'incomplete');
    assert.equal(failed.output[0].content[0].text, 'part');
    assert.deepEqual(frames.at(-1)!.data, { type: 'error', code: 'upstream_cut', message: 'provider ended the stream early', param: null, sequence_number: frames.length - 1 });
  });

  test('an error before anything was sent is a lone error event; nothing follows end or error', () => {
    const enc = createResponsesStreamEncoder(ctx);
    const frames = parse(enc.error(new HttpError(429, 'rate_limit_error', 'rate_limited', 'slow down')));
    assert.deepEqual(frames.map((f) => f.data.type), ['error']);
    assert.equal(enc.end(), '');
    assert.equal(enc.event({ type: 'text_delta', block: 0, text: 'x' }), '');
  });
});
