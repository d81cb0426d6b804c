import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { decodeOpenAIChatResponse } from './decode-openai-chat-response.ts';

const usage = { prompt_tokens: 30, completion_tokens: 12, total_tokens: 42, prompt_tokens_details: { cached_tokens: 10 }, completion_tokens_details: { reasoning_tokens: 5 } };

describe('decodeOpenAIChatResponse', () => {
  it('decodes reasoning_content, text, tool calls, finish reason and disjoint usage', () => {
    const res = decodeOpenAIChatResponse({
      id: 'chatcmpl-1', object: 'chat.completion', created: 123, model: 'gpt-4o-2024-08-06',
      choices: [{
        index: 0,
        message: {
          role: 'assistant', content: 'Sure.', refusal: null, reasoning_content: 'think',
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }],
        },
        finish_reason: 'tool_calls',
        content_filter_results: { hate: { filtered: false, severity: 'safe' } },
      }],
      prompt_filter_results: [{ prompt_index: 0, content_filter_results: {} }],
      usage,
    });
    assert.deepEqual(res, {
      id: 'chatcmpl-1',
      model: 'gpt-4o-2024-08-06',
      content: [
        { type: 'reasoning', text: 'think' },
        { type: 'text', text: 'Sure.' },
        { type: 'tool_call', id: 'call_1', name: 'f', arguments: '{"a":1}' },
      ],
      finishReason: 'tool_calls',
      rawFinishReason: 'tool_calls',
      usage: { inputUncached: 20, inputCacheRead: 10, inputCacheWrite: 0, outputText: 7, outputReasoning: 5, raw: usage },
      created: 123,
    });
  });

  it('reads `reasoning`, a refusal as text, content_filter and unknown finish reasons', () => {
    const res = decodeOpenAIChatResponse({ id: 'x', model: 'm', choices: [{ index: 0, message: { content: null, refusal: 'I cannot.', reasoning: 'r' }, finish_reason: 'content_filter' }] });
    assert.deepEqual(res.content, [{ type: 'reasoning', text: 'r' }, { type: 'text', text: 'I cannot.' }]);
    assert.equal(res.finishReason, 'content_filter');
    assert.deepEqual(res.usage, { inputUncached: 0, inputCacheRead: 0, inputCacheWrite: 0, outputText: 0, outputReasoning: 0 });
    const odd = decodeOpenAIChatResponse({ choices: [{ message: { content: 'x' }, finish_reason: 'eos' }] });
    assert.equal(odd.finishReason, 'other');
    assert.equal(odd.rawFinishReason, 'eos');
  });

  it('refuses bodies that are not a chat completion', () => {
    for (const bad of [null, [], { choices: 'x' }, { choices: [] }, { choices: [{ index: 0 }] }, { choices: [{ message: { tool_calls: [{ function: {} }] } }] }]) {
      assert.throws(() => decodeOpenAIChatResponse(bad), (e: unknown) => e instanceof UpstreamProtocolError && e.kind === 'malformed');
    }
  });
});
