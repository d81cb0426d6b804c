import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalResponse } from '../../canonical/response.ts';
import { decodeResponsesRequest } from './decode-responses-request.ts';
import { encodeResponsesResponse } from './encode-responses-response.ts';
import { openAIResponsesCodec } from './openai-responses-codec.ts';
import { HttpError, invalidRequest } from '../../server/http-error.ts';

const ctx = { requestId: 'abc-123', publicModel: 'smart', createdAt: 1_700_000_000, includeUsage: false };
const usage = { inputUncached: 10, inputCacheRead: 3, inputCacheWrite: 2, outputText: 7, outputReasoning: 4 };

function response(content: CanonicalResponse['content'], finishReason: CanonicalResponse['finishReason'] = 'stop'): CanonicalResponse {
  return { id: 'up-1', model: 'claude-x', content, finishReason, usage };
}

describe('encodeResponsesResponse', () => {
  test('a full Response object: output items in canonical order, usage, defaults for echoed parameters', () => {
    const out = encodeResponsesResponse(
      response([
        { type: 'reasoning', text: 'think', signature: 'sig' },
        { type: 'text', text: 'Hello' },
        { type: 'tool_call', id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
      ], 'tool_calls'),
      ctx,
    );
    assert.deepEqual(out, {
      id: 'resp_abc123',
      object: 'response',
      created_at: 1_700_000_000,
      status: 'completed',
      background: false,
      error: null,
      incomplete_details: null,
      instructions: null,
      max_output_tokens: null,
      model: 'smart',
      output: [
        { type: 'reasoning', id: 'rs_abc123_0', summary: [{ type: 'summary_text', text: 'think' }], encrypted_content: 'sig' },
        { type: 'message', id: 'msg_abc123_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Hello', annotations: [] }] },
        { type: 'function_call', id: 'fc_abc123_2', call_id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}', status: 'completed' },
      ],
      parallel_tool_calls: true,
      previous_response_id: null,
      reasoning: { effort: null, summary: null },
      store: false,
      temperature: null,
      text: { format: { type: 'text' } },
      tool_choice: 'auto',
      tools: [],
      top_p: null,
      truncation: 'disabled',
      metadata: {},
      access_programs: null,
      usage: {
        input_tokens: 15,
        input_tokens_details: { cached_tokens: 3, cache_write_tokens: 2 },
        output_tokens: 11,
        output_tokens_details: { reasoning_tokens: 4 },
        total_tokens: 26,
      },
    });
  });

  test('echoes the decoded request parameters when the context carries the request', () => {
    const request = decodeResponsesRequest({
      model: 'smart', instructions: 'Be brief.', input: 'hi', temperature: 0.5, top_p: 0.8, max_output_tokens: 99, parallel_tool_calls: false,
      tools: [{ type: 'function', name: 'f', parameters: { type: 'object' }, strict: true }], tool_choice: { type: 'function', name: 'f' },
      text: { format: { type: 'json_schema', name: 'o', schema: { type: 'object' } }, verbosity: 'low' }, reasoning: { effort: 'xhigh', summary: 'auto' },
      metadata: { k: 'v' }, user: 'u',
    });
    const out = encodeResponsesResponse(response([{ type: 'text', text: '{}' }]), { ...ctx, request });
    assert.equal(out.instructions, 'Be brief.');
    assert.equal(out.temperature, 0.5);
    assert.equal(out.top_p, 0.8);
    assert.equal(out.max_output_tokens, 99);
    assert.equal(out.parallel_tool_calls, false);
    assert.deepEqual(out.tools, [{ type: 'function', name: 'f', description: null, parameters: { type: 'object' }, strict: true }]);
    assert.deepEqual(out.tool_choice, { type: 'function', name: 'f' });
    assert.deepEqual(out.text, { verbosity: 'low', format: { type: 'json_schema', name: 'o', schema: { type: 'object' }, strict: null } });
    assert.deepEqual(out.reasoning, { effort: 'xhigh', summary: 'auto' });
    assert.deepEqual(out.metadata, { k: 'v' });
    assert.equal(out.user, 'u');
  });

  test('length and content_filter make the response incomplete with the reason; the last item is incomplete', () => {
    const cut = encodeResponsesResponse(response([{ type: 'reasoning', text: 'r' }, { type: 'text', text: 'trunc' }], 'length'), ctx);
    assert.equal(cut.status, 'incomplete');
    assert.deepEqual(cut.incomplete_details, { reason: 'max_output_tokens' });
    assert.equal(cut.output[1].type === 'message' && cut.output[1].status, 'incomplete');
    const filtered = encodeResponsesResponse(response([], 'content_filter'), ctx);
    assert.deepEqual([filtered.status, filtered.incomplete_details], ['incomplete', { reason: 'content_filter' }]);
    const failed = encodeResponsesResponse(response([], 'error'), ctx);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.error?.code, 'server_error');
    assert.equal(encodeResponsesResponse(response([], 'other'), ctx).status, 'completed');
  });

  test('redacted reasoning round-trips through encrypted_content; a missing tool call id gets one', () => {
    const out = encodeResponsesResponse(response([
      { type: 'reasoning', text: '', redactedData: 'EQo=' },
      { type: 'tool_call', id: '', name: 'f', arguments: '{}' },
    ]), ctx);
    assert.deepEqual(out.output[0], { type: 'reasoning', id: 'rs_abc123_0', summary: [], encrypted_content: 'switchyard-redacted:EQo=' });
    assert.equal(out.output[1].type === 'function_call' && out.output[1].call_id, 'call_abc123_1');
    const back = decodeResponsesRequest({ model: 'm', input: [{ role: 'user', content: 'q' }, ...out.output] });
    assert.deepEqual(back.messages[1], {
      role: 'assistant', content: [{ type: 'reasoning', text: '', redactedData: 'EQo=' }, { type: 'tool_call', id: 'call_abc123_1', name: 'f', arguments: '{}' }],
    });
  });
});

describe('openAIResponsesCodec.errorBody', () => {
  test('the OpenAI error shape', () => {
    assert.deepEqual(openAIResponsesCodec.errorBody(invalidRequest('invalid_request', 'tools[0].type: nope', 'tools[0].type')), {
      error: { message: 'tools[0].type: nope', type: 'invalid_request_error', param: 'tools[0].type', code: 'invalid_request' },
    });
    assert.deepEqual(openAIResponsesCodec.errorBody(new HttpError(429, 'rate_limit_error', 'rate_limited', 'slow down')), {
      error: { message: 'slow down', type: 'rate_limit_error', param: null, code: 'rate_limited' },
    });
  });
});
