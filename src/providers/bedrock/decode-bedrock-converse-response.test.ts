import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { decodeBedrockConverseResponse } from './decode-bedrock-converse-response.ts';
import { mapBedrockStopReason } from './map-bedrock-stop-reason.ts';

const usage = { inputTokens: 12, outputTokens: 30, totalTokens: 1542, cacheReadInputTokens: 1000, cacheWriteInputTokens: 500 };

describe('decodeBedrockConverseResponse', () => {
  it('keeps block order and maps reasoning, text, tool use and usage exactly', () => {
    const res = decodeBedrockConverseResponse({
      output: {
        message: {
          role: 'assistant',
          content: [
            { reasoningContent: { reasoningText: { text: 'hmm', signature: 'c2ln' } } },
            { reasoningContent: { redactedContent: 'cmVk' } },
            { text: 'Let me check.' },
            { toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: { city: 'Paris', days: 2 } } },
            { image: { format: 'png', source: { bytes: 'AA' } } },
          ],
        },
      },
      stopReason: 'tool_use',
      usage,
      metrics: { latencyMs: 321 },
    });
    assert.deepEqual(res.content, [
      { type: 'reasoning', text: 'hmm', signature: 'c2ln' },
      { type: 'reasoning', text: '', redactedData: 'cmVk' },
      { type: 'text', text: 'Let me check.' },
      { type: 'tool_call', id: 'tooluse_1', name: 'get_weather', arguments: '{"city":"Paris","days":2}' },
    ]);
    assert.equal(res.finishReason, 'tool_calls');
    assert.equal(res.rawFinishReason, 'tool_use');
    assert.deepEqual(res.usage, { inputUncached: 12, inputCacheRead: 1000, inputCacheWrite: 500, outputText: 30, outputReasoning: 0, raw: usage });
    assert.equal(res.id, '');
    assert.equal(res.model, '');
  });

  it('reads the matched stop sequence from additionalModelResponseFields', () => {
    const res = decodeBedrockConverseResponse({ output: { message: { role: 'assistant', content: [{ text: 'a' }] } }, stopReason: 'stop_sequence', usage, additionalModelResponseFields: { stop_sequence: 'END' } });
    assert.equal(res.finishReason, 'stop');
    assert.equal(res.stopSequence, 'END');
  });

  it('takes the generated text of citation blocks', () => {
    const res = decodeBedrockConverseResponse({ output: { message: { content: [{ citationsContent: { content: [{ text: 'cited ' }, { text: 'text' }], citations: [] } }] } }, stopReason: 'end_turn', usage });
    assert.deepEqual(res.content, [{ type: 'text', text: 'cited text' }]);
  });

  it('rejects bodies that are not a Converse response', () => {
    for (const bad of [null, [], { output: {} }, { output: { message: { content: [] } } }, { output: { message: { content: [{ toolUse: { name: 'x' } }] } }, stopReason: 'end_turn' }]) {
      assert.throws(() => decodeBedrockConverseResponse(bad), (e: unknown) => e instanceof UpstreamProtocolError && e.kind === 'malformed', JSON.stringify(bad));
    }
  });
});

describe('mapBedrockStopReason', () => {
  it('maps every documented stop reason', () => {
    assert.deepEqual(
      ['end_turn', 'tool_use', 'max_tokens', 'stop_sequence', 'guardrail_intervened', 'content_filtered', 'model_context_window_exceeded', 'something_new', undefined].map(mapBedrockStopReason),
      ['stop', 'tool_calls', 'length', 'stop', 'content_filter', 'content_filter', 'length', 'other', 'other'],
    );
  });
});
