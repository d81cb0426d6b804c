import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpError } from '../../server/http-error.ts';
import { decodeAnthropicMessagesRequest } from './decode-anthropic-messages-request.ts';

const base = { model: 'claude-sonnet-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Hello' }] };

function rejects(body: Record<string, unknown>, message: string, code = 'invalid_request'): void {
  assert.throws(() => decodeAnthropicMessagesRequest(body), (e) => {
    assert.ok(e instanceof HttpError);
    assert.equal(e.status, 400);
    assert.equal(e.type, 'invalid_request_error');
    assert.equal(e.code, code);
    assert.equal(e.message, message);
    return true;
  });
}

describe('decodeAnthropicMessagesRequest', () => {
  it('decodes the minimal request', () => {
    assert.deepEqual(decodeAnthropicMessagesRequest(base), {
      model: 'claude-sonnet-4-5',
      system: [],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
      tools: [],
      maxOutputTokens: 1024,
      stream: false,
    });
  });

  it('decodes every canonical field', () => {
    const req = decodeAnthropicMessagesRequest({
      ...base,
      system: [{ type: 'text', text: 'Be terse.', cache_control: { type: 'ephemeral', ttl: '5m' } }],
      temperature: 0.5, top_p: 0.9, top_k: 10, stop_sequences: ['###'], stream: true,
      metadata: { user_id: 'u-42' },
      tools: [{ name: 'get_weather', description: 'Weather', input_schema: { type: 'object', properties: {} }, cache_control: { type: 'ephemeral' } }],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      thinking: { type: 'enabled', budget_tokens: 2048 },
      output_config: { format: { type: 'json_schema', schema: { type: 'object' } }, effort: 'high' },
    });
    assert.deepEqual(req, {
      model: 'claude-sonnet-4-5',
      system: [{ type: 'text', text: 'Be terse.', cacheControl: { type: 'ephemeral', ttl: '5m' } }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
      tools: [{ name: 'get_weather', parameters: { type: 'object', properties: {} }, description: 'Weather', cacheControl: { type: 'ephemeral' } }],
      maxOutputTokens: 1024,
      stream: true,
      toolChoice: { type: 'required' },
      parallelToolCalls: false,
      temperature: 0.5, topP: 0.9, topK: 10, stopSequences: ['###'],
      user: 'u-42',
      responseFormat: { type: 'json_schema', name: 'response', schema: { type: 'object' } },
      reasoning: { budgetTokens: 2048 },
      extensions: { anthropic: { thinking: { type: 'enabled', budget_tokens: 2048 }, output_config: { effort: 'high' } } },
    });
  });

  it('splits tool results out of user turns, keeping order and naming the tool', () => {
    const req = decodeAnthropicMessagesRequest({
      ...base,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'weather?' }, { type: 'image', source: { type: 'url', url: 'https://x/y.png' } }] },
        { role: 'assistant', content: [
          { type: 'thinking', thinking: 'hmm', signature: 'sig' },
          { type: 'redacted_thinking', data: 'ENC' },
          { type: 'text', text: 'Checking' },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Oslo' }, cache_control: { type: 'ephemeral' } },
        ] },
        { role: 'user', content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: 'cold', cache_control: { type: 'ephemeral' } },
          { type: 'text', text: 'and?' },
          { type: 'tool_result', tool_use_id: 'toolu_x', content: [{ type: 'text', text: 'a' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'QQ==' } }], is_error: true },
        ] },
      ],
    });
    assert.deepEqual(req.messages, [
      { role: 'user', content: [{ type: 'text', text: 'weather?' }, { type: 'image', source: { kind: 'url', url: 'https://x/y.png' } }] },
      { role: 'assistant', content: [
        { type: 'reasoning', text: 'hmm', signature: 'sig' },
        { type: 'reasoning', text: '', redactedData: 'ENC' },
        { type: 'text', text: 'Checking' },
        { type: 'tool_call', id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Oslo"}', cacheControl: { type: 'ephemeral' } },
      ] },
      { role: 'tool', toolCallId: 'toolu_1', toolName: 'get_weather', content: [{ type: 'text', text: 'cold' }], cacheControl: { type: 'ephemeral' } },
      { role: 'user', content: [{ type: 'text', text: 'and?' }] },
      { role: 'tool', toolCallId: 'toolu_x', content: [{ type: 'text', text: 'a' }, { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'QQ==' } }], isError: true },
    ]);
  });

  it('keeps unknown top-level fields, metadata extras and adaptive thinking in extensions.anthropic', () => {
    const req = decodeAnthropicMessagesRequest({
      ...base, service_tier: 'auto', container: 'ctr_1', cache_control: { type: 'ephemeral' },
      metadata: { user_id: null, trace: 'x' }, thinking: { type: 'adaptive' }, output_config: { effort: 'max' },
    });
    assert.equal(req.user, undefined);
    assert.deepEqual(req.reasoning, { effort: 'high' });
    assert.equal(req.responseFormat, undefined);
    assert.deepEqual(req.extensions, { anthropic: {
      service_tier: 'auto', container: 'ctr_1', cache_control: { type: 'ephemeral' }, thinking: { type: 'adaptive' },
      metadata: { trace: 'x' }, output_config: { effort: 'max' },
    } });
    assert.equal(decodeAnthropicMessagesRequest({ ...base, thinking: { type: 'disabled' } }).reasoning, undefined);
    assert.deepEqual(decodeAnthropicMessagesRequest({ ...base, output_format: { type: 'json_schema', schema: { type: 'object' } } }).responseFormat,
      { type: 'json_schema', name: 'response', schema: { type: 'object' } });
  });

  it('answers bad input with a 400 naming the field', () => {
    rejects({ max_tokens: 1, messages: [] }, 'model: Field required');
    rejects({ model: 'm', messages: base.messages }, 'max_tokens: Field required');
    rejects({ ...base, max_tokens: -1 }, 'max_tokens: Input should be an integer of at least 0');
    rejects({ ...base, messages: undefined }, 'messages: Field required');
    rejects({ ...base, messages: [] }, 'messages: at least one message is required');
    rejects({ ...base, messages: [{ role: 'bot', content: 'x' }] }, "messages.0.role: Input should be 'user' or 'assistant'");
    rejects({ ...base, messages: [{ role: 'user' }] }, 'messages.0.content: Field required');
    rejects({ ...base, messages: [{ role: 'user', content: [{ type: 'text' }] }] }, 'messages.0.content.0.text: Field required');
    rejects({ ...base, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'gif' } }] }] }, "messages.0.content.0.source.type: Input should be 'base64' or 'url'");
    rejects({ ...base, messages: [{ role: 'user', content: [{ type: 'text', text: 'a', cache_control: { type: 'forever' } }] }] }, "messages.0.content.0.cache_control.type: Input should be 'ephemeral'");
    rejects({ ...base, messages: [{ role: 'assistant', content: [{ type: 'tool_use', id: 't', name: 'f', input: [1] }] }] }, 'messages.0.content.0.input: Input should be an object');
    rejects({ ...base, temperature: 1.5 }, 'temperature: Input should be a number from 0 to 1');
    rejects({ ...base, stop_sequences: ['a', 1] }, 'stop_sequences.1: Input should be a valid string');
    rejects({ ...base, tools: [{ name: 'f' }] }, 'tools.0.input_schema: Field required');
    rejects({ ...base, tool_choice: { type: 'tool' } }, 'tool_choice.name: Field required');
    rejects({ ...base, tool_choice: { type: 'maybe' } }, "tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'");
    rejects({ ...base, thinking: { type: 'enabled' } }, 'thinking.budget_tokens: Field required');
    rejects({ ...base, output_config: { format: { type: 'xml' } } }, "output_config.format.type: Input should be 'json_schema'");
  });

  it('refuses features the gateway cannot carry with unsupported_parameter', () => {
    rejects({ ...base, messages: [{ role: 'user', content: [{ type: 'document', source: {} }] }] },
      "messages.0.content.0.type: 'document' blocks are not supported in user messages by this gateway", 'unsupported_parameter');
    rejects({ ...base, messages: [{ role: 'assistant', content: [{ type: 'server_tool_use', id: 's', name: 'web_search', input: {} }] }] },
      "messages.0.content.0.type: 'server_tool_use' blocks are not supported in assistant messages by this gateway", 'unsupported_parameter');
    rejects({ ...base, tools: [{ type: 'web_search_20250305', name: 'web_search' }] },
      "tools.0.type: server tool 'web_search_20250305' is not supported by this gateway; only client tools with an input_schema are", 'unsupported_parameter');
    rejects({ ...base, messages: [{ role: 'system', content: 'x' }] },
      "messages.0.role: system turns inside messages are not supported by this gateway; use the top-level 'system' parameter", 'unsupported_parameter');
    rejects({ ...base, messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'f' } }] }] },
      'messages.0.content.0.source.type: Files API images are not supported by this gateway; send the image as base64 or url', 'unsupported_parameter');
  });
});
