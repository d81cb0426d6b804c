import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CanonicalResponse } from '../../canonical/response.ts';
import { HttpError } from '../../server/http-error.ts';
import { encodeOpenAIChatResponse } from './encode-openai-chat-response.ts';
import { openAIChatCodec } from './openai-chat-codec.ts';

const ctx = { requestId: '1b2c-3d4e', publicModel: 'claude-public', createdAt: 1_700_000_000, includeUsage: false };
const usage = { inputUncached: 10, inputCacheRead: 20, inputCacheWrite: 5, outputText: 7, outputReasoning: 3 };

function response(over: Partial<CanonicalResponse>): CanonicalResponse {
  return { id: 'msg_1', model: 'claude-x', content: [], finishReason: 'stop', usage, ...over };
}

describe('encodeOpenAIChatResponse', () => {
  it('encodes text, reasoning and tool calls with totals that include cache and reasoning', () => {
    const out = encodeOpenAIChatResponse(response({
      content: [
        { type: 'reasoning', text: 'hmm', signature: 'sig' },
        { type: 'text', text: 'Let me ' },
        { type: 'text', text: 'check.' },
        { type: 'tool_call', id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
      ],
      finishReason: 'tool_calls',
    }), ctx);
    assert.deepEqual(out, {
      id: 'chatcmpl-1b2c3d4e',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'claude-public',
      choices: [{
        index: 0,
        message: {
          role: 'assistant',
          content: 'Let me check.',
          refusal: null,
          reasoning_content: 'hmm',
          tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
        },
        logprobs: null,
        finish_reason: 'tool_calls',
      }],
      usage: {
        prompt_tokens: 35,
        completion_tokens: 10,
        total_tokens: 45,
        prompt_tokens_details: { cached_tokens: 20 },
        completion_tokens_details: { reasoning_tokens: 3 },
      },
    });
  });

  it('sends content null when the model only called tools, and "" when it said nothing', () => {
    const tools = encodeOpenAIChatResponse(response({ content: [{ type: 'tool_call', id: 'c', name: 'f', arguments: '{}' }] }), ctx);
    assert.equal(tools.choices[0].message.content, null);
    const empty = encodeOpenAIChatResponse(response({}), ctx);
    assert.equal(empty.choices[0].message.content, '');
    assert.equal('tool_calls' in empty.choices[0].message, false);
    assert.equal('reasoning_content' in empty.choices[0].message, false);
  });

  it('maps finish reasons, reading error and other as stop', () => {
    const cases = [['stop', 'stop'], ['length', 'length'], ['tool_calls', 'tool_calls'], ['content_filter', 'content_filter'], ['error', 'stop'], ['other', 'stop']] as const;
    for (const [canonical, openai] of cases) {
      assert.equal(encodeOpenAIChatResponse(response({ finishReason: canonical }), ctx).choices[0].finish_reason, openai);
    }
  });

  it('errorBody is the OpenAI error shape with param', () => {
    const body = openAIChatCodec.errorBody(new HttpError(400, 'invalid_request_error', 'unsupported_value', 'n > 1 is not supported', { param: 'n' }));
    assert.deepEqual(body, { error: { message: 'n > 1 is not supported', type: 'invalid_request_error', param: 'n', code: 'unsupported_value' } });
    const noParam = openAIChatCodec.errorBody(new HttpError(502, 'upstream_error', 'upstream_server_error', 'boom'));
    assert.deepEqual(noParam, { error: { message: 'boom', type: 'upstream_error', param: null, code: 'upstream_server_error' } });
  });
});
