import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StreamEvent } from '../../canonical/stream-event.ts';
import type { Usage } from '../../canonical/usage.ts';
import { HttpError } from '../../server/http-error.ts';
import type { EncodeContext } from '../inbound-codec.ts';
import { AnthropicStreamEncoder } from './anthropic-stream-encoder.ts';

const ctx: EncodeContext = { requestId: 'req1', publicModel: 'my-claude', createdAt: 0, includeUsage: false };
const usage: Usage = { inputUncached: 10, inputCacheRead: 20, inputCacheWrite: 5, outputText: 7, outputReasoning: 3 };

/** Splits the encoder's text into [event, data] pairs, asserting the exact `event: x\ndata: y\n\n` framing. */
function frames(text: string): Array<[string, Record<string, unknown>]> {
  assert.ok(text.endsWith('\n\n'));
  return text.slice(0, -2).split('\n\n').map((f) => {
    const lines = f.split('\n');
    assert.equal(lines.length, 2);
    assert.ok(lines[0].startsWith('event: ') && lines[1].startsWith('data: '));
    const data = JSON.parse(lines[1].slice(6)) as Record<string, unknown>;
    assert.equal(data.type, lines[0].slice(7));
    return [lines[0].slice(7), data];
  });
}

function run(events: StreamEvent[]): Array<[string, Record<string, unknown>]> {
  const enc = new AnthropicStreamEncoder(ctx);
  let out = '';
  for (const e of events) out += enc.event(e);
  return frames(out + enc.end());
}

describe('AnthropicStreamEncoder', () => {
  it('writes the exact named-event sequence with indexes, thinking, tool input and final usage', () => {
    const out = run([
      { type: 'message_start', id: 'msg_abc', model: 'claude-upstream' },
      { type: 'usage', usage: { ...usage, outputText: 1, outputReasoning: 0 } },
      { type: 'reasoning_start', block: 0 },
      { type: 'reasoning_delta', block: 0, text: 'Thinking' },
      { type: 'reasoning_signature', block: 0, signature: 'sig' },
      { type: 'reasoning_end', block: 0 },
      { type: 'text_start', block: 1 },
      { type: 'text_delta', block: 1, text: 'Hi' },
      { type: 'text_end', block: 1 },
      { type: 'tool_call_start', block: 2, id: 'toolu_1', name: 'get_weather' },
      { type: 'tool_call_delta', block: 2, argumentsDelta: '{"city":' },
      { type: 'tool_call_delta', block: 2, argumentsDelta: '"Oslo"}' },
      { type: 'tool_call_end', block: 2 },
      { type: 'usage', usage },
      { type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'tool_use' },
    ]);
    assert.deepEqual(out, [
      ['message_start', { type: 'message_start', message: {
        id: 'msg_abc', type: 'message', role: 'assistant', model: 'my-claude', content: [], stop_reason: null, stop_sequence: null,
        usage: { input_tokens: 10, output_tokens: 1, cache_creation_input_tokens: 5, cache_read_input_tokens: 20 },
      } }],
      ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }],
      ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Thinking' } }],
      ['content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } }],
      ['content_block_stop', { type: 'content_block_stop', index: 0 }],
      ['content_block_start', { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } }],
      ['content_block_delta', { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Hi' } }],
      ['content_block_stop', { type: 'content_block_stop', index: 1 }],
      ['content_block_start', { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} } }],
      ['content_block_delta', { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"city":' } }],
      ['content_block_delta', { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '"Oslo"}' } }],
      ['content_block_stop', { type: 'content_block_stop', index: 2 }],
      ['message_delta', { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: {
        input_tokens: 10, output_tokens: 10, cache_creation_input_tokens: 5, cache_read_input_tokens: 20, output_tokens_details: { thinking_tokens: 3 },
      } }],
      ['message_stop', { type: 'message_stop' }],
    ]);
  });

  it('holds message_start until content, so nothing is written for start and usage alone', () => {
    const enc = new AnthropicStreamEncoder(ctx);
    assert.equal(enc.event({ type: 'message_start', id: 'chatcmpl-1', model: 'gpt' }), '');
    assert.equal(enc.event({ type: 'reasoning_start', block: 0 }), '');
    const first = frames(enc.event({ type: 'text_start', block: 1 }));
    assert.deepEqual(first.map(([e]) => e), ['message_start', 'content_block_start']);
    assert.equal((first[0][1].message as { id: string }).id, 'msg_req1');
    assert.equal(first[1][1].index, 0);
  });

  it('closes an open block when the next starts (OpenAI ends tool calls only at finish) and maps stop sequences', () => {
    const out = run([
      { type: 'message_start', id: 'x', model: 'gpt' },
      { type: 'text_start', block: 0 },
      { type: 'text_delta', block: 0, text: 'a' },
      { type: 'tool_call_start', block: 1, id: 'c1', name: 'f' },
      { type: 'tool_call_start', block: 2, id: 'c2', name: 'g' },
      { type: 'tool_call_delta', block: 1, argumentsDelta: 'late' },
      { type: 'text_delta', block: 0, text: 'b' },
      { type: 'text_end', block: 0 },
      { type: 'tool_call_end', block: 1 },
      { type: 'finish', finishReason: 'stop', stopSequence: 'END' },
    ]);
    assert.deepEqual(out.slice(1).map(([e, d]) => `${e}:${String(d.index ?? '')}`), [
      'content_block_start:0', 'content_block_delta:0', 'content_block_stop:0',
      'content_block_start:1', 'content_block_stop:1',
      'content_block_start:2', 'content_block_stop:2',
      'content_block_start:3', 'content_block_delta:3', 'content_block_stop:3',
      'message_delta:', 'message_stop:',
    ]);
    assert.deepEqual(out.at(-2)?.[1].delta, { stop_reason: 'stop_sequence', stop_sequence: 'END' });
    assert.deepEqual(out.at(-2)?.[1].usage, { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
  });

  it('opens redacted thinking as a redacted_thinking block', () => {
    const out = run([
      { type: 'reasoning_start', block: 0 },
      { type: 'reasoning_signature', block: 0, redactedData: 'ENC' },
      { type: 'reasoning_end', block: 0 },
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'end_turn' },
    ]);
    assert.deepEqual(out.slice(1, 3), [
      ['content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'redacted_thinking', data: 'ENC' } }],
      ['content_block_stop', { type: 'content_block_stop', index: 0 }],
    ]);
  });

  it('writes errors as an error event with the Anthropic type', () => {
    const enc = new AnthropicStreamEncoder(ctx);
    assert.equal(enc.error(new HttpError(502, 'upstream_error', 'upstream_stream_cut', 'provider x ended the stream early')),
      'event: error\ndata: {"type":"error","error":{"type":"api_error","message":"provider x ended the stream early"}}\n\n');
  });
});
