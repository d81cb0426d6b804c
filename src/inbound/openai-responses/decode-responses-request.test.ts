import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpError } from '../../server/http-error.ts';
import { decodeResponsesRequest } from './decode-responses-request.ts';

const decode = (extra: Record<string, unknown>) => decodeResponsesRequest({ model: 'gpt-4.1', input: 'hi', ...extra });

function rejects(body: Record<string, unknown>, param: string, message: RegExp): void {
  assert.throws(
    () => decodeResponsesRequest(body),
    (err: unknown) => {
      assert.ok(err instanceof HttpError);
      assert.equal(err.status, 400);
      assert.equal(err.type, 'invalid_request_error');
      assert.equal(err.param, param);
      assert.match(err.message, message);
      assert.ok(err.message.startsWith(`${param}: `), `message names the field: ${err.message}`);
      return true;
    },
  );
}

describe('decodeResponsesRequest: input forms', () => {
  test('a string input is one user message; instructions become system', () => {
    const r = decodeResponsesRequest({ model: 'gpt-4.1', instructions: 'Be brief.', input: 'Hello' });
    assert.deepEqual(r, {
      model: 'gpt-4.1',
      system: [{ type: 'text', text: 'Be brief.' }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
      tools: [],
      stream: false,
    });
  });

  test('messages: easy (no type) and typed, string and part content, system/developer to system', () => {
    const r = decode({
      input: [
        { role: 'developer', content: 'dev rules' },
        { type: 'message', role: 'system', content: [{ type: 'input_text', text: 'sys rules' }] },
        { role: 'user', content: 'plain' },
        {
          type: 'message', role: 'user', content: [
            { type: 'input_text', text: 'look' },
            { type: 'input_image', image_url: 'https://example.com/a.png', detail: 'low' },
            { type: 'input_image', image_url: 'data:image/png;base64,iVBORw0KGgo=' },
            { type: 'input_image', image_url: 'https://example.com/b.png', detail: 'original' },
          ],
        },
        { role: 'assistant', content: [{ type: 'output_text', text: 'seen', annotations: [] }, { type: 'refusal', refusal: 'no' }] },
        { role: 'assistant', content: 'more' },
      ],
    });
    assert.deepEqual(r.system, [{ type: 'text', text: 'dev rules' }, { type: 'text', text: 'sys rules' }]);
    assert.deepEqual(r.messages, [
      { role: 'user', content: [{ type: 'text', text: 'plain' }] },
      {
        role: 'user', content: [
          { type: 'text', text: 'look' },
          { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' }, detail: 'low' },
          { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
          { type: 'image', source: { kind: 'url', url: 'https://example.com/b.png' }, detail: 'high' },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'seen' }, { type: 'text', text: 'no' }, { type: 'text', text: 'more' }] },
    ]);
  });

  test('reasoning, message and consecutive function calls form one assistant turn; outputs become tool results', () => {
    const r = decode({
      input: [
        { role: 'user', content: 'weather in Paris and Rome?' },
        { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Need two calls.' }], encrypted_content: 'gAAAAsig' },
        { type: 'function_call', id: 'fc_1', call_id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}', status: 'completed' },
        { type: 'function_call', call_id: 'call_b', name: 'get_weather', arguments: '{"city":"Rome"}' },
        { type: 'function_call_output', call_id: 'call_a', output: '18C' },
        { type: 'function_call_output', call_id: 'call_b', output: [{ type: 'input_text', text: '21C' }] },
        { type: 'function_call_output', call_id: 'call_unknown', output: 'x' },
      ],
    });
    assert.deepEqual(r.messages, [
      { role: 'user', content: [{ type: 'text', text: 'weather in Paris and Rome?' }] },
      {
        role: 'assistant', content: [
          { type: 'reasoning', text: 'Need two calls.', signature: 'gAAAAsig' },
          { type: 'tool_call', id: 'call_a', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { type: 'tool_call', id: 'call_b', name: 'get_weather', arguments: '{"city":"Rome"}' },
        ],
      },
      { role: 'tool', toolCallId: 'call_a', toolName: 'get_weather', content: [{ type: 'text', text: '18C' }] },
      { role: 'tool', toolCallId: 'call_b', toolName: 'get_weather', content: [{ type: 'text', text: '21C' }] },
      { role: 'tool', toolCallId: 'call_unknown', content: [{ type: 'text', text: 'x' }] },
    ]);
  });

  test('a user message between function calls starts a new assistant turn', () => {
    const r = decode({
      input: [
        { type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' },
        { role: 'user', content: 'wait' },
        { type: 'function_call', call_id: 'c2', name: 'f', arguments: '{}' },
      ],
    });
    assert.deepEqual(r.messages.map((m) => m.role), ['assistant', 'user', 'assistant']);
  });

  test('reasoning items: summary parts joined, reasoning_text content, encrypted-only, redacted, and empty ones dropped', () => {
    const r = decode({
      input: [
        { role: 'user', content: 'q' },
        { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'a' }, { type: 'summary_text', text: 'b' }] },
        { type: 'reasoning', id: 'rs_2', summary: [], content: [{ type: 'reasoning_text', text: 'raw thoughts' }] },
        { type: 'reasoning', id: 'rs_3', summary: [], encrypted_content: 'opaque' },
        { type: 'reasoning', id: 'rs_4', summary: [], encrypted_content: 'switchyard-redacted:REDACTED' },
        { type: 'reasoning', id: 'rs_5', summary: [] },
        { role: 'assistant', content: 'answer' },
      ],
    });
    assert.deepEqual(r.messages[1], {
      role: 'assistant', content: [
        { type: 'reasoning', text: 'a\n\nb' },
        { type: 'reasoning', text: 'raw thoughts' },
        { type: 'reasoning', text: '', signature: 'opaque' },
        { type: 'reasoning', text: '', redactedData: 'REDACTED' },
        { type: 'text', text: 'answer' },
      ],
    });
  });
});

describe('decodeResponsesRequest: parameters', () => {
  test('tools, tool_choice, sampling, text.format, reasoning, metadata, stream; unknown fields kept', () => {
    const r = decode({
      tools: [
        { type: 'function', name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: true },
        { type: 'function', name: 'noop', parameters: null, strict: null },
      ],
      tool_choice: { type: 'function', name: 'get_weather' },
      parallel_tool_calls: false,
      text: { format: { type: 'json_schema', name: 'out', schema: { type: 'object' }, strict: true, description: 'd' }, verbosity: 'low' },
      reasoning: { effort: 'low', summary: 'auto' },
      max_output_tokens: 256,
      temperature: 0.2,
      top_p: 0.9,
      user: 'u-1',
      metadata: { team: 'a' },
      stream: true,
      store: false,
      include: ['reasoning.encrypted_content'],
      service_tier: 'auto',
    });
    assert.deepEqual(r.tools, [
      { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: true },
      { name: 'noop', parameters: { type: 'object', properties: {} } },
    ]);
    assert.deepEqual(r.toolChoice, { type: 'tool', name: 'get_weather' });
    assert.equal(r.parallelToolCalls, false);
    assert.deepEqual(r.responseFormat, { type: 'json_schema', name: 'out', schema: { type: 'object' }, strict: true, description: 'd' });
    assert.deepEqual(r.reasoning, { effort: 'low' });
    assert.equal(r.maxOutputTokens, 256);
    assert.equal(r.temperature, 0.2);
    assert.equal(r.topP, 0.9);
    assert.equal(r.user, 'u-1');
    assert.equal(r.stream, true);
    assert.deepEqual(r.extensions, {
      openaiResponses: {
        include: ['reasoning.encrypted_content'], service_tier: 'auto', text: { verbosity: 'low' }, reasoning: { summary: 'auto' }, metadata: { team: 'a' }, store: false,
      },
    });
  });

  test('tool_choice strings and text formats', () => {
    for (const c of ['auto', 'none', 'required'] as const) assert.deepEqual(decode({ tool_choice: c }).toolChoice, { type: c });
    assert.deepEqual(decode({ text: { format: { type: 'text' } } }).responseFormat, { type: 'text' });
    assert.deepEqual(decode({ text: { format: { type: 'json_object' } } }).responseFormat, { type: 'json_object' });
    assert.equal(decode({}).extensions, undefined);
    const safety = decode({ safety_identifier: 'hashed-user' });
    assert.equal(safety.user, 'hashed-user', 'safety_identifier is the end-user id when user is absent');
    assert.deepEqual(safety.extensions, { openaiResponses: { safety_identifier: 'hashed-user' } });
  });

  test('reasoning efforts beyond the canonical four keep the original in the extension', () => {
    const x = decode({ reasoning: { effort: 'xhigh' } });
    assert.deepEqual(x.reasoning, { effort: 'high' });
    assert.deepEqual(x.extensions, { openaiResponses: { reasoning: { effort: 'xhigh' } } });
    const none = decode({ reasoning: { effort: 'none' } });
    assert.equal(none.reasoning, undefined);
    assert.deepEqual(none.extensions, { openaiResponses: { reasoning: { effort: 'none' } } });
    assert.deepEqual(decode({ reasoning: { effort: 'minimal' } }).reasoning, { effort: 'minimal' });
  });
});

describe('decodeResponsesRequest: 400s name the field', () => {
  const base = { model: 'm', input: 'hi' };
  test('model and input', () => {
    rejects({ input: 'hi' }, 'model', /required/);
    rejects({ model: 'm' }, 'input', /required/);
    rejects({ model: 'm', input: [] }, 'input', /non-empty array/);
    rejects({ model: 'm', input: 42 }, 'input', /string or a non-empty array/);
    rejects({ ...base, input: ['x'] }, 'input[0]', /object/);
    rejects({ ...base, input: [{ role: 'tool', content: 'x' }] }, 'input[0].role', /user/);
    rejects({ ...base, input: [{ type: 'web_search_call', id: 'ws_1' }] }, 'input[0].type', /not supported through this gateway/);
    rejects({ ...base, input: [{ type: 'item_reference', id: 'msg_1' }] }, 'input[0]', /stateless/);
  });

  test('message content', () => {
    rejects({ ...base, input: [{ role: 'user', content: 5 }] }, 'input[0].content', /string or an array/);
    rejects({ ...base, input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'f' }] }] }, 'input[0].content[0].type', /not supported/);
    rejects({ ...base, input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file_1', detail: 'auto' }] }] }, 'input[0].content[0].file_id', /image_url/);
    rejects({ ...base, input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'data:image/png,abc' }] }] }, 'input[0].content[0].image_url', /base64/);
    rejects({ ...base, input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'https://x', detail: 'max' }] }] }, 'input[0].content[0].detail', /auto/);
    rejects({ ...base, input: [{ role: 'user', content: [{ type: 'input_text' }] }] }, 'input[0].content[0].text', /required/);
    rejects({ ...base, input: [{ role: 'user', content: [{ type: 'bogus' }] }] }, 'input[0].content[0].type', /unknown content type/);
    rejects({ ...base, input: [{ role: 'system', content: [{ type: 'input_image', image_url: 'https://x' }] }] }, 'input[0].content[0].type', /input_text/);
    rejects({ ...base, input: [{ role: 'assistant', content: [{ type: 'input_image', image_url: 'https://x' }] }] }, 'input[0].content[0].type', /output_text/);
  });

  test('function call items and reasoning items', () => {
    rejects({ ...base, input: [{ type: 'function_call', name: 'f', arguments: '{}' }] }, 'input[0].call_id', /required/);
    rejects({ ...base, input: [{ type: 'function_call', call_id: 'c', arguments: '{}' }] }, 'input[0].name', /required/);
    rejects({ ...base, input: [{ type: 'function_call', call_id: 'c', name: 'f', arguments: {} }] }, 'input[0].arguments', /string/);
    rejects({ ...base, input: [{ type: 'function_call_output', output: 'x' }] }, 'input[0].call_id', /required/);
    rejects({ ...base, input: [{ type: 'function_call_output', call_id: 'c' }] }, 'input[0].output', /required/);
    rejects({ ...base, input: [{ type: 'reasoning', summary: [{ type: 'x', text: 't' }] }] }, 'input[0].summary[0].type', /summary_text/);
    rejects({ ...base, input: [{ type: 'reasoning', summary: [], encrypted_content: 5 }] }, 'input[0].encrypted_content', /string/);
  });

  test('tools and tool_choice', () => {
    rejects({ ...base, tools: {} }, 'tools', /array/);
    rejects({ ...base, tools: [{ type: 'web_search' }] }, 'tools[0].type', /built-in tool 'web_search' is not supported through this gateway/);
    rejects({ ...base, tools: [{ type: 'file_search', vector_store_ids: [] }] }, 'tools[0].type', /not supported through this gateway/);
    rejects({ ...base, tools: [{ type: 'function' }] }, 'tools[0].name', /required/);
    rejects({ ...base, tools: [{ type: 'function', name: 'f', parameters: 'x' }] }, 'tools[0].parameters', /JSON Schema/);
    rejects({ ...base, tool_choice: 'any' }, 'tool_choice', /auto/);
    rejects({ ...base, tool_choice: { type: 'function' } }, 'tool_choice.name', /required/);
    rejects({ ...base, tool_choice: { type: 'web_search_preview' } }, 'tool_choice.type', /not supported/);
  });

  test('scalar parameters', () => {
    rejects({ ...base, temperature: 3 }, 'temperature', /0 to 2/);
    rejects({ ...base, top_p: '1' }, 'top_p', /0 to 1/);
    rejects({ ...base, max_output_tokens: 0 }, 'max_output_tokens', /positive integer/);
    rejects({ ...base, max_output_tokens: 1.5 }, 'max_output_tokens', /positive integer/);
    rejects({ ...base, stream: 'yes' }, 'stream', /boolean/);
    rejects({ ...base, parallel_tool_calls: 1 }, 'parallel_tool_calls', /boolean/);
    rejects({ ...base, user: 7 }, 'user', /string/);
    rejects({ ...base, instructions: ['x'] }, 'instructions', /string/);
    rejects({ ...base, metadata: [] }, 'metadata', /object/);
    rejects({ ...base, metadata: { n: 1 } }, 'metadata.n', /strings/);
    rejects({ ...base, text: { format: { type: 'xml' } } }, 'text.format.type', /json_schema/);
    rejects({ ...base, text: { format: { type: 'json_schema', schema: {} } } }, 'text.format.name', /required/);
    rejects({ ...base, text: { format: { type: 'json_schema', name: 'n' } } }, 'text.format.schema', /required/);
    rejects({ ...base, reasoning: { effort: 'extreme' } }, 'reasoning.effort', /minimal/);
  });

  test('conversation state and background are refused: the gateway is stateless', () => {
    rejects({ ...base, previous_response_id: 'resp_1' }, 'previous_response_id', /stateless.*full conversation/);
    rejects({ ...base, store: true }, 'store', /stateless/);
    rejects({ ...base, conversation: 'conv_1' }, 'conversation', /stateless/);
    rejects({ ...base, prompt: { id: 'pmpt_1' } }, 'prompt', /prompt templates/);
    rejects({ ...base, background: true }, 'background', /background/);
    rejects({ ...base, store: 'no' }, 'store', /boolean/);
    assert.doesNotThrow(() => decodeResponsesRequest({ ...base, store: false, background: false, previous_response_id: null }));
  });
});
