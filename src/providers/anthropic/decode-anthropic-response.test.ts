import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { decodeAnthropicResponse } from './decode-anthropic-response.ts';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.ts';

const usage = { input_tokens: 12, cache_creation_input_tokens: 100, cache_read_input_tokens: 2000, output_tokens: 50 };

function message(over: Record<string, unknown>): Record<string, unknown> {
  return { id: 'msg_01', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], stop_reason: 'end_turn', stop_sequence: null, usage, ...over };
}

describe('decodeAnthropicResponse', () => {
  it('keeps block order: thinking, redacted thinking, text, tool use', () => {
    const res = decodeAnthropicResponse(message({
      content: [
        { type: 'thinking', thinking: 'let me see', signature: 'sig==' },
        { type: 'redacted_thinking', data: 'ENC' },
        { type: 'text', text: 'Checking.', citations: null },
        { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} },
        { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris', days: 2 } },
      ],
      stop_reason: 'tool_use',
    }));
    assert.deepEqual(res, {
      id: 'msg_01',
      model: 'claude-sonnet-4-5',
      content: [
        { type: 'reasoning', text: 'let me see', signature: 'sig==' },
        { type: 'reasoning', text: '', redactedData: 'ENC' },
        { type: 'text', text: 'Checking.' },
        { type: 'tool_call', id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris","days":2}' },
      ],
      finishReason: 'tool_calls',
      rawFinishReason: 'tool_use',
      usage: { inputUncached: 12, inputCacheRead: 2000, inputCacheWrite: 100, outputText: 50, outputReasoning: 0, raw: usage },
    });
  });

  it('splits thinking tokens out of output_tokens only when the API reports them', () => {
    const u = { input_tokens: 5, output_tokens: 40, output_tokens_details: { thinking_tokens: 30 }, cache_read_input_tokens: null };
    assert.deepEqual(decodeAnthropicResponse(message({ usage: u })).usage, {
      inputUncached: 5, inputCacheRead: 0, inputCacheWrite: 0, outputText: 10, outputReasoning: 30, raw: u,
    });
  });

  it('reports the stop sequence', () => {
    const res = decodeAnthropicResponse(message({ content: [{ type: 'text', text: 'a' }], stop_reason: 'stop_sequence', stop_sequence: 'END' }));
    assert.equal(res.finishReason, 'stop');
    assert.equal(res.rawFinishReason, 'stop_sequence');
    assert.equal(res.stopSequence, 'END');
  });

  it('turns the emulated json_object tool back into text', () => {
    const res = decodeAnthropicResponse(message({
      content: [{ type: 'tool_use', id: 'toolu_9', name: 'switchyard_json_object', input: { answer: 42 } }],
      stop_reason: 'tool_use',
    }));
    assert.deepEqual(res.content, [{ type: 'text', text: '{"answer":42}' }]);
    assert.equal(res.finishReason, 'stop');
    assert.equal(res.rawFinishReason, 'end_turn');
  });

  it('rejects bodies that are not a Message', () => {
    for (const body of [null, 'x', {}, { content: 'text' }, { content: [1] }]) {
      assert.throws(() => decodeAnthropicResponse(body), (e) => e instanceof UpstreamProtocolError && e.kind === 'malformed');
    }
  });
});

describe('mapAnthropicStopReason', () => {
  it('maps every documented stop reason', () => {
    assert.deepEqual(
      ['end_turn', 'stop_sequence', 'max_tokens', 'tool_use', 'refusal', 'pause_turn', 'model_context_window_exceeded', 'new_reason', null].map(mapAnthropicStopReason),
      ['stop', 'stop', 'length', 'tool_calls', 'content_filter', 'other', 'length', 'other', 'other'],
    );
  });
});
