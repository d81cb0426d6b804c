import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CanonicalResponse } from '../../canonical/response.ts';
import { HttpError } from '../../server/http-error.ts';
import { anthropicErrorBody } from './anthropic-error-type.ts';
import { encodeAnthropicMessage } from './encode-anthropic-message.ts';
import { mapFinishToStopReason } from './map-finish-to-stop-reason.ts';

const ctx = { requestId: 'abc', publicModel: 'claude-public', createdAt: 0, includeUsage: false };

describe('encodeAnthropicMessage', () => {
  it('encodes a Message with blocks in order, the public model and disjoint usage', () => {
    const res: CanonicalResponse = {
      id: 'chatcmpl-9',
      model: 'gpt-4o',
      content: [
        { type: 'reasoning', text: 'plan', signature: 'sig' },
        { type: 'reasoning', text: '', redactedData: 'ENC' },
        { type: 'reasoning', text: 'summary without signature' },
        { type: 'text', text: 'Answer' },
        { type: 'tool_call', id: 'call_1', name: 'lookup', arguments: '{"q":"x"}' },
      ],
      finishReason: 'tool_calls',
      rawFinishReason: 'tool_calls',
      usage: { inputUncached: 100, inputCacheRead: 50, inputCacheWrite: 25, outputText: 30, outputReasoning: 12 },
    };
    assert.deepEqual(encodeAnthropicMessage(res, ctx), {
      id: 'msg_abc',
      type: 'message',
      role: 'assistant',
      model: 'claude-public',
      content: [
        { type: 'thinking', thinking: 'plan', signature: 'sig' },
        { type: 'redacted_thinking', data: 'ENC' },
        { type: 'thinking', thinking: 'summary without signature', signature: '' },
        { type: 'text', text: 'Answer' },
        { type: 'tool_use', id: 'call_1', name: 'lookup', input: { q: 'x' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 100, output_tokens: 42, cache_creation_input_tokens: 25, cache_read_input_tokens: 50, output_tokens_details: { thinking_tokens: 12 } },
    });
  });

  it('keeps an Anthropic message id and stop sequence', () => {
    const m = encodeAnthropicMessage({
      id: 'msg_01X', model: 'c', content: [{ type: 'text', text: 'a' }], finishReason: 'stop', rawFinishReason: 'stop_sequence', stopSequence: '##',
      usage: { inputUncached: 1, inputCacheRead: 0, inputCacheWrite: 0, outputText: 1, outputReasoning: 0 },
    }, ctx);
    assert.equal(m.id, 'msg_01X');
    assert.equal(m.stop_reason, 'stop_sequence');
    assert.equal(m.stop_sequence, '##');
    assert.deepEqual(m.usage, { input_tokens: 1, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
  });
});

describe('mapFinishToStopReason', () => {
  it('keeps raw Anthropic reasons and maps the rest', () => {
    assert.equal(mapFinishToStopReason('other', 'pause_turn', undefined), 'pause_turn');
    assert.equal(mapFinishToStopReason('stop', 'STOP', undefined), 'end_turn');
    assert.equal(mapFinishToStopReason('stop', undefined, 'x'), 'stop_sequence');
    assert.equal(mapFinishToStopReason('length', 'MAX_TOKENS', undefined), 'max_tokens');
    assert.equal(mapFinishToStopReason('tool_calls', 'tool_calls', undefined), 'tool_use');
    assert.equal(mapFinishToStopReason('content_filter', 'SAFETY', undefined), 'refusal');
    assert.equal(mapFinishToStopReason('error', undefined, undefined), 'end_turn');
  });
});

describe('anthropicErrorBody', () => {
  it('maps statuses to Anthropic error types', () => {
    const type = (status: number, t = 'x') => anthropicErrorBody(new HttpError(status, t, 'c', 'm')).error.type;
    assert.deepEqual(
      [400, 401, 402, 403, 404, 413, 422, 429, 500, 502, 503, 504, 529].map((s) => type(s)),
      ['invalid_request_error', 'authentication_error', 'billing_error', 'permission_error', 'not_found_error', 'request_too_large',
        'invalid_request_error', 'rate_limit_error', 'api_error', 'api_error', 'overloaded_error', 'timeout_error', 'overloaded_error'],
    );
    assert.equal(type(502, 'overloaded_error'), 'overloaded_error');
    assert.deepEqual(anthropicErrorBody(new HttpError(400, 'invalid_request_error', 'c', 'max_tokens: Field required')),
      { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: Field required' } });
  });
});
