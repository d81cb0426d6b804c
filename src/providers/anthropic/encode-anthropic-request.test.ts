import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CanonicalRequest } from '../../canonical/request.ts';
import { encodeAnthropicRequest } from './encode-anthropic-request.ts';

function request(over: Partial<CanonicalRequest> = {}): CanonicalRequest {
  return { model: 'claude-sonnet-4-5', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], tools: [], stream: false, ...over };
}

describe('encodeAnthropicRequest', () => {
  it('defaults max_tokens (required by Anthropic) and sends nothing optional', () => {
    assert.deepEqual(encodeAnthropicRequest(request()), {
      model: 'claude-sonnet-4-5',
      max_tokens: 4096,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    });
  });

  it('maps system with cache_control, sampling, stop sequences, user and stream', () => {
    const body = encodeAnthropicRequest(request({
      system: [{ type: 'text', text: 'be brief' }, { type: 'text', text: 'long context', cacheControl: { type: 'ephemeral', ttl: '1h' } }],
      maxOutputTokens: 100, temperature: 0.2, topP: 0.9, topK: 40, stopSequences: ['END'], user: 'user-1', stream: true,
      seed: 7, presencePenalty: 1, frequencyPenalty: 1,
    }));
    assert.deepEqual(body, {
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      system: [{ type: 'text', text: 'be brief' }, { type: 'text', text: 'long context', cache_control: { type: 'ephemeral', ttl: '1h' } }],
      temperature: 0.2, top_p: 0.9, top_k: 40, stop_sequences: ['END'],
      metadata: { user_id: 'user-1' },
      stream: true,
    });
  });

  it('converts images, assistant thinking, tool calls and tool results, merging same-role turns', () => {
    const body = encodeAnthropicRequest(request({
      messages: [
        { role: 'user', content: [
          { type: 'text', text: 'look' },
          { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAAA' } },
          { type: 'image', source: { kind: 'url', url: 'https://example.com/a.jpg' }, cacheControl: { type: 'ephemeral' } },
          { type: 'image', source: { kind: 'url', url: 'data:image/jpeg;base64,BBBB' } },
        ] },
        { role: 'assistant', content: [
          { type: 'reasoning', text: 'think', signature: 'sig1' },
          { type: 'reasoning', text: '', redactedData: 'enc' },
          { type: 'reasoning', text: 'unsigned from another provider' },
          { type: 'text', text: '' },
          { type: 'text', text: 'calling' },
          { type: 'tool_call', id: 'toolu_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { type: 'tool_call', id: 'toolu_2', name: 'get_time', arguments: '' },
        ] },
        { role: 'tool', toolCallId: 'toolu_1', content: [{ type: 'text', text: 'sunny' }] },
        { role: 'tool', toolCallId: 'toolu_2', content: [], isError: true, cacheControl: { type: 'ephemeral' } },
        { role: 'user', content: [{ type: 'text', text: 'thanks' }] },
      ],
    }));
    assert.deepEqual(body.messages, [
      { role: 'user', content: [
        { type: 'text', text: 'look' },
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'AAAA' } },
        { type: 'image', source: { type: 'url', url: 'https://example.com/a.jpg' }, cache_control: { type: 'ephemeral' } },
        { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: 'BBBB' } },
      ] },
      { role: 'assistant', content: [
        { type: 'thinking', thinking: 'think', signature: 'sig1' },
        { type: 'redacted_thinking', data: 'enc' },
        { type: 'text', text: 'calling' },
        { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'toolu_2', name: 'get_time', input: {} },
      ] },
      { role: 'user', content: [
        { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: 'sunny' }] },
        { type: 'tool_result', tool_use_id: 'toolu_2', is_error: true, cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'thanks' },
      ] },
    ]);
  });

  it('puts tool_result blocks first when a user message precedes the tool results', () => {
    const body = encodeAnthropicRequest(request({
      messages: [
        { role: 'assistant', content: [{ type: 'tool_call', id: 't1', name: 'f', arguments: '{}' }] },
        { role: 'user', content: [{ type: 'text', text: 'also' }] },
        { role: 'tool', toolCallId: 't1', content: [{ type: 'text', text: 'r' }] },
      ],
    }));
    assert.deepEqual((body.messages as Array<{ content: Array<{ type: string }> }>)[1].content.map((b) => b.type), ['tool_result', 'text']);
  });

  it('maps tools and every tool_choice, with disable_parallel_tool_use', () => {
    const tools = [
      { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: true },
      { name: 'noop', parameters: {}, cacheControl: { type: 'ephemeral' as const } },
    ];
    const body = encodeAnthropicRequest(request({ tools }));
    assert.deepEqual(body.tools, [
      { name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } }, description: 'Weather', strict: true },
      { name: 'noop', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral' } },
    ]);
    assert.equal(body.tool_choice, undefined);
    const choice = (over: Partial<CanonicalRequest>) => encodeAnthropicRequest(request({ tools, ...over })).tool_choice;
    assert.deepEqual(choice({ toolChoice: { type: 'auto' } }), { type: 'auto' });
    assert.deepEqual(choice({ toolChoice: { type: 'required' } }), { type: 'any' });
    assert.deepEqual(choice({ toolChoice: { type: 'tool', name: 'noop' } }), { type: 'tool', name: 'noop' });
    assert.deepEqual(choice({ toolChoice: { type: 'none' } }), { type: 'none' });
    assert.deepEqual(choice({ parallelToolCalls: false }), { type: 'auto', disable_parallel_tool_use: true });
    assert.deepEqual(choice({ toolChoice: { type: 'required' }, parallelToolCalls: false }), { type: 'any', disable_parallel_tool_use: true });
    assert.equal(encodeAnthropicRequest(request({ toolChoice: { type: 'required' } })).tool_choice, undefined);
  });

  it('maps reasoning effort and budgets to thinking, keeping budget below max_tokens', () => {
    assert.deepEqual(pick(encodeAnthropicRequest(request({ reasoning: { effort: 'medium' } }))), { max_tokens: 8192 + 4096, thinking: { type: 'enabled', budget_tokens: 8192 } });
    assert.deepEqual(pick(encodeAnthropicRequest(request({ reasoning: { effort: 'high' }, maxOutputTokens: 5000 }))), { max_tokens: 5000, thinking: { type: 'enabled', budget_tokens: 4999 } });
    assert.deepEqual(pick(encodeAnthropicRequest(request({ reasoning: { effort: 'low' }, maxOutputTokens: 500 }))), { max_tokens: 500, thinking: { type: 'enabled', budget_tokens: 1024 } });
    assert.deepEqual(pick(encodeAnthropicRequest(request({ reasoning: { budgetTokens: 3000 }, maxOutputTokens: 2000 }))), { max_tokens: 2000, thinking: { type: 'enabled', budget_tokens: 3000 } });
    assert.deepEqual(pick(encodeAnthropicRequest(request({ reasoning: { budgetTokens: 0 } }))), { max_tokens: 4096, thinking: undefined });
  });

  it('uses native output_config.format for json_schema and a forced tool for json_object', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false };
    const native = encodeAnthropicRequest(request({ responseFormat: { type: 'json_schema', name: 'answer', schema } }));
    assert.deepEqual(native.output_config, { format: { type: 'json_schema', schema } });
    assert.equal(native.tools, undefined);
    const emulated = encodeAnthropicRequest(request({ responseFormat: { type: 'json_object' } }));
    assert.deepEqual(emulated.tools, [{ name: 'switchyard_json_object', description: 'Respond with your complete answer as a single JSON object.', input_schema: { type: 'object' } }]);
    assert.deepEqual(emulated.tool_choice, { type: 'tool', name: 'switchyard_json_object' });
    const withTools = encodeAnthropicRequest(request({ responseFormat: { type: 'json_object' }, tools: [{ name: 'f', parameters: {} }] }));
    assert.deepEqual((withTools.tools as Array<{ name: string }>).map((t) => t.name), ['f']);
    const withThinking = encodeAnthropicRequest(request({ responseFormat: { type: 'json_object' }, reasoning: { effort: 'low' } }));
    assert.equal(withThinking.tools, undefined);
  });

  it('merges extensions.anthropic without letting it replace canonical keys', () => {
    const body = encodeAnthropicRequest(request({
      user: 'u1',
      responseFormat: { type: 'json_schema', name: 'x', schema: { type: 'object' } },
      reasoning: { effort: 'medium' },
      extensions: { anthropic: {
        service_tier: 'auto', container: 'c1', thinking: { type: 'adaptive' },
        output_config: { effort: 'high' }, metadata: { user_id: 'other', extra: 1 },
        model: 'evil', max_tokens: 1, messages: [], stream: true,
      } },
    }));
    assert.equal(body.model, 'claude-sonnet-4-5');
    assert.equal(body.max_tokens, 8192 + 4096);
    assert.equal(body.stream, undefined);
    assert.equal(body.service_tier, 'auto');
    assert.equal(body.container, 'c1');
    assert.deepEqual(body.thinking, { type: 'adaptive' });
    assert.deepEqual(body.output_config, { effort: 'high', format: { type: 'json_schema', schema: { type: 'object' } } });
    assert.deepEqual(body.metadata, { user_id: 'u1', extra: 1 });
  });

  it('never merges extension fields that name an endpoint, a credential or headers', () => {
    const body = encodeAnthropicRequest(request({
      extensions: { anthropic: { api_base: 'http://evil.example', base_url: 'x', api_key: 'k', extra_headers: {}, 'x-api-key': 'k', container: 'c1' } },
    }));
    for (const key of ['api_base', 'base_url', 'api_key', 'extra_headers', 'x-api-key']) assert.equal(key in body, false, key);
    assert.equal(body.container, 'c1');
  });

  it('is pure and idempotent', () => {
    const req = request({
      system: [{ type: 'text', text: 's', cacheControl: { type: 'ephemeral' } }],
      messages: [
        { role: 'tool', toolCallId: 't', content: [{ type: 'text', text: 'a' }] },
        { role: 'user', content: [{ type: 'text', text: 'b' }] },
      ],
      extensions: { anthropic: { metadata: { x: 1 } } },
      user: 'u',
    });
    const snapshot = structuredClone(req);
    const a = JSON.stringify(encodeAnthropicRequest(req));
    const b = JSON.stringify(encodeAnthropicRequest(req));
    assert.equal(a, b);
    assert.deepEqual(req, snapshot);
  });
});

function pick(body: Record<string, unknown>): Record<string, unknown> {
  return { max_tokens: body.max_tokens, thinking: body.thinking };
}
