import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StreamEvent } from '../../canonical/stream-event.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { AnthropicStreamDecoder } from './anthropic-stream-decoder.ts';

function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}

const START = sse('message_start', {
  type: 'message_start',
  message: {
    id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], stop_reason: null, stop_sequence: null,
    usage: { input_tokens: 25, cache_creation_input_tokens: 3, cache_read_input_tokens: 100, output_tokens: 1 },
  },
});
const STOP = sse('message_stop', { type: 'message_stop' });

function delta(stopReason: string, usage: Record<string, unknown>, stopSequence: string | null = null): string {
  return sse('message_delta', { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: stopSequence }, usage });
}

/** Feeds the stream one byte at a time, proving the parser does not depend on chunk boundaries. */
function decodeBytewise(text: string): StreamEvent[] {
  const d = new AnthropicStreamDecoder();
  const events: StreamEvent[] = [];
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i++) events.push(...d.push(bytes.subarray(i, i + 1)));
  events.push(...d.end());
  return events;
}

function decode(text: string): StreamEvent[] {
  const d = new AnthropicStreamDecoder();
  return [...d.push(Buffer.from(text)), ...d.end()];
}

describe('AnthropicStreamDecoder', () => {
  it('decodes thinking, text and tool use with fragments, usage and finish', () => {
    const body = START
      + sse('ping', { type: 'ping' })
      + sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } })
      + sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Let me ' } })
      + sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'think.' } })
      + sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'EqQB' } })
      + sse('content_block_stop', { type: 'content_block_stop', index: 0 })
      + sse('content_block_start', { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } })
      + sse('content_block_delta', { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Hello' } })
      + sse('content_block_delta', { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: ' there' } })
      + sse('content_block_stop', { type: 'content_block_stop', index: 1 })
      + sse('content_block_start', { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} } })
      + sse('content_block_delta', { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '' } })
      + sse('content_block_delta', { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"city": "Pa' } })
      + sse('content_block_delta', { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: 'ris"}' } })
      + sse('content_block_stop', { type: 'content_block_stop', index: 2 })
      + sse('some_future_event', { type: 'some_future_event', x: 1 })
      + delta('tool_use', { output_tokens: 89, output_tokens_details: { thinking_tokens: 20 } })
      + STOP;
    const expected: StreamEvent[] = [
      { type: 'message_start', id: 'msg_1', model: 'claude-sonnet-4-5' },
      { type: 'usage', usage: { inputUncached: 25, inputCacheRead: 100, inputCacheWrite: 3, outputText: 1, outputReasoning: 0, raw: { input_tokens: 25, cache_creation_input_tokens: 3, cache_read_input_tokens: 100, output_tokens: 1 } } },
      { type: 'reasoning_start', block: 0 },
      { type: 'reasoning_delta', block: 0, text: 'Let me ' },
      { type: 'reasoning_delta', block: 0, text: 'think.' },
      { type: 'reasoning_signature', block: 0, signature: 'EqQB' },
      { type: 'reasoning_end', block: 0 },
      { type: 'text_start', block: 1 },
      { type: 'text_delta', block: 1, text: 'Hello' },
      { type: 'text_delta', block: 1, text: ' there' },
      { type: 'text_end', block: 1 },
      { type: 'tool_call_start', block: 2, id: 'toolu_1', name: 'get_weather' },
      { type: 'tool_call_delta', block: 2, argumentsDelta: '{"city": "Pa' },
      { type: 'tool_call_delta', block: 2, argumentsDelta: 'ris"}' },
      { type: 'tool_call_end', block: 2 },
      { type: 'usage', usage: {
        inputUncached: 25, inputCacheRead: 100, inputCacheWrite: 3, outputText: 69, outputReasoning: 20,
        raw: { input_tokens: 25, cache_creation_input_tokens: 3, cache_read_input_tokens: 100, output_tokens: 89, output_tokens_details: { thinking_tokens: 20 } },
      } },
      { type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'tool_use' },
    ];
    assert.deepEqual(decode(body), expected);
    assert.deepEqual(decodeBytewise(body), expected);
  });

  it('keeps cumulative message_delta input counts over message_start and ignores nulls', () => {
    const events = decode(START + delta('end_turn', { input_tokens: 30, cache_read_input_tokens: null, output_tokens: 7 }) + STOP);
    const last = events.filter((e) => e.type === 'usage').at(-1);
    assert.deepEqual(last?.type === 'usage' && { ...last.usage, raw: undefined }, { inputUncached: 30, inputCacheRead: 100, inputCacheWrite: 3, outputText: 7, outputReasoning: 0, raw: undefined });
    assert.deepEqual(events.at(-1), { type: 'finish', finishReason: 'stop', rawFinishReason: 'end_turn' });
  });

  it('reports stop sequences, max_tokens, refusal and pause_turn', () => {
    assert.deepEqual(decode(START + delta('stop_sequence', { output_tokens: 2 }, 'END') + STOP).at(-1), { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop_sequence', stopSequence: 'END' });
    assert.deepEqual(decode(START + delta('max_tokens', { output_tokens: 2 }) + STOP).at(-1), { type: 'finish', finishReason: 'length', rawFinishReason: 'max_tokens' });
    assert.deepEqual(decode(START + delta('refusal', { output_tokens: 2 }) + STOP).at(-1), { type: 'finish', finishReason: 'content_filter', rawFinishReason: 'refusal' });
    assert.deepEqual(decode(START + delta('pause_turn', { output_tokens: 2 }) + STOP).at(-1), { type: 'finish', finishReason: 'other', rawFinishReason: 'pause_turn' });
  });

  it('decodes redacted thinking and skips server-tool blocks', () => {
    const events = decode(START
      + sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'redacted_thinking', data: 'ENC' } })
      + sse('content_block_stop', { type: 'content_block_stop', index: 0 })
      + sse('content_block_start', { type: 'content_block_start', index: 1, content_block: { type: 'server_tool_use', id: 's1', name: 'web_search', input: {} } })
      + sse('content_block_delta', { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"q":1}' } })
      + sse('content_block_stop', { type: 'content_block_stop', index: 1 })
      + delta('end_turn', { output_tokens: 3 }) + STOP);
    assert.deepEqual(events.slice(2, -2), [
      { type: 'reasoning_start', block: 0 },
      { type: 'reasoning_signature', block: 0, redactedData: 'ENC' },
      { type: 'reasoning_end', block: 0 },
    ]);
  });

  it('turns the emulated json_object tool into text and finishes with stop', () => {
    const events = decode(START
      + sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'switchyard_json_object', input: {} } })
      + sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"a":' } })
      + sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '1}' } })
      + sse('content_block_stop', { type: 'content_block_stop', index: 0 })
      + delta('tool_use', { output_tokens: 3 }) + STOP);
    assert.deepEqual(events.slice(2), [
      { type: 'text_start', block: 0 },
      { type: 'text_delta', block: 0, text: '{"a":' },
      { type: 'text_delta', block: 0, text: '1}' },
      { type: 'text_end', block: 0 },
      events[6],
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'end_turn' },
    ]);
  });

  it('throws upstream_error with the error type for an in-stream error event, after the events before it', () => {
    const d = new AnthropicStreamDecoder();
    const events = d.push(Buffer.from(START + sse('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })));
    assert.equal(events[0].type, 'message_start');
    assert.throws(() => d.end(), (e) => e instanceof UpstreamProtocolError && e.kind === 'upstream_error' && e.code === 'overloaded_error' && e.message === 'Overloaded');
    const fresh = new AnthropicStreamDecoder();
    assert.throws(() => fresh.push(Buffer.from(sse('error', { type: 'error', error: { type: 'api_error', message: 'boom' } }))), (e) => e instanceof UpstreamProtocolError && e.code === 'api_error');
  });

  it('throws malformed on data that is not a JSON object', () => {
    for (const bad of ['{"type": broken', '[1,2]', '"text"']) {
      const d = new AnthropicStreamDecoder();
      assert.throws(() => d.push(Buffer.from(sse('content_block_delta', bad))), (e) => e instanceof UpstreamProtocolError && e.kind === 'malformed');
    }
    const d = new AnthropicStreamDecoder();
    assert.equal(d.push(Buffer.from(START + sse('content_block_delta', { type: 'content_block_delta', index: 4, delta: { type: 'text_delta', text: 'x' } }))).length, 2);
    assert.throws(() => d.push(Buffer.from(STOP)), (e) => e instanceof UpstreamProtocolError && e.kind === 'malformed' && /never started/.test(e.message));
  });

  it('throws cut when the body ends before message_stop, even after message_delta', () => {
    for (const body of ['', START, START + delta('end_turn', { output_tokens: 1 }), START + 'event: message_stop\ndata: {"type":"message_st']) {
      const d = new AnthropicStreamDecoder();
      d.push(Buffer.from(body));
      assert.throws(() => d.end(), (e) => e instanceof UpstreamProtocolError && e.kind === 'cut');
    }
  });
});
