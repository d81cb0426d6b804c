import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CanonicalRequest } from '../../canonical/request.ts';
import { encodeOpenAIChatBody } from './encode-openai-chat-body.ts';

function request(over: Partial<CanonicalRequest> = {}): CanonicalRequest {
  return { model: 'gpt-4o', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], tools: [], stream: false, ...over };
}

describe('encodeOpenAIChatBody', () => {
  it('encodes every canonical field', () => {
    const body = encodeOpenAIChatBody(request({
      system: [{ type: 'text', text: 'be brief' }],
      tools: [{ name: 'get_weather', description: 'w', parameters: { type: 'object' }, strict: true }],
      toolChoice: { type: 'tool', name: 'get_weather' },
      parallelToolCalls: false,
      responseFormat: { type: 'json_schema', name: 'r', schema: { type: 'object' }, strict: true },
      maxOutputTokens: 50,
      temperature: 0.2,
      topP: 0.8,
      topK: 40,
      stopSequences: ['END'],
      seed: 7,
      presencePenalty: 0.5,
      frequencyPenalty: 0.25,
      reasoning: { effort: 'medium' },
      user: 'u',
      stream: true,
    }), 'max_completion_tokens');
    assert.deepEqual(body, {
      model: 'gpt-4o',
      messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hi' }],
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'w', parameters: { type: 'object' }, strict: true } }],
      parallel_tool_calls: false,
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      response_format: { type: 'json_schema', json_schema: { name: 'r', schema: { type: 'object' }, strict: true } },
      max_completion_tokens: 50,
      temperature: 0.2,
      top_p: 0.8,
      stop: ['END'],
      seed: 7,
      presence_penalty: 0.5,
      frequency_penalty: 0.25,
      reasoning_effort: 'medium',
      user: 'u',
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('uses max_tokens for OpenAI-compatible servers and omits parallel_tool_calls without tools', () => {
    const body = encodeOpenAIChatBody(request({ maxOutputTokens: 9, parallelToolCalls: true, toolChoice: { type: 'none' } }), 'max_tokens');
    assert.equal(body.max_tokens, 9);
    assert.equal('max_completion_tokens' in body, false);
    assert.equal('parallel_tool_calls' in body, false);
    assert.equal(body.tool_choice, 'none');
    assert.equal('stream' in body, false);
  });

  it('merges extensions.openai back, canonical fields winning except an effort canonical cannot say', () => {
    const body = encodeOpenAIChatBody(request({
      reasoning: { effort: 'high' },
      temperature: 1,
      extensions: { openai: { reasoning_effort: 'xhigh', logprobs: true, top_logprobs: 2, temperature: 0, model: 'evil', stream: true } },
    }), 'max_completion_tokens');
    assert.equal(body.reasoning_effort, 'xhigh');
    assert.equal(body.logprobs, true);
    assert.equal(body.top_logprobs, 2);
    assert.equal(body.temperature, 1);
    assert.equal(body.model, 'gpt-4o');
    assert.equal('stream' in body, false);
  });

  it('drops extension fields that are not documented OpenAI fields (api_base, extra_headers, vendor extensions)', () => {
    const body = encodeOpenAIChatBody(request({
      extensions: { openai: { api_base: 'http://evil.example', api_key: 'x', extra_headers: { a: 'b' }, top_k: 3, service_tier: 'flex' } },
    }), 'max_completion_tokens');
    assert.deepEqual(Object.keys(body).filter((k) => !['model', 'messages'].includes(k)), ['service_tier']);
  });

  it('maps a thinking budget to an effort', () => {
    const effort = (budgetTokens: number) => encodeOpenAIChatBody(request({ reasoning: { budgetTokens } }), 'max_completion_tokens').reasoning_effort;
    assert.deepEqual([effort(1024), effort(2048), effort(4096), effort(8192), effort(16000)], ['low', 'low', 'medium', 'medium', 'high']);
  });

  it('converts assistant turns, tool results and images; drops reasoning; moves tool-result images to a user message', () => {
    const body = encodeOpenAIChatBody(request({
      system: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'see' }, { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAA' }, detail: 'high' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'secret', signature: 's' },
            { type: 'text', text: 'ok' },
            { type: 'tool_call', id: 'c1', name: 'shot', arguments: '{}' },
            { type: 'tool_call', id: 'c2', name: 'shot', arguments: '{"n":2}' },
          ],
        },
        { role: 'tool', toolCallId: 'c1', content: [{ type: 'text', text: 'done' }, { type: 'image', source: { kind: 'url', url: 'https://x/1.png' } }] },
        { role: 'tool', toolCallId: 'c2', content: [{ type: 'text', text: 'p1' }, { type: 'text', text: 'p2' }], isError: true },
        { role: 'assistant', content: [{ type: 'reasoning', text: 'only thought' }] },
      ],
    }), 'max_completion_tokens');
    assert.deepEqual(body.messages, [
      { role: 'system', content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] },
      { role: 'user', content: [{ type: 'text', text: 'see' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAA', detail: 'high' } }] },
      {
        role: 'assistant',
        content: 'ok',
        tool_calls: [
          { id: 'c1', type: 'function', function: { name: 'shot', arguments: '{}' } },
          { id: 'c2', type: 'function', function: { name: 'shot', arguments: '{"n":2}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'done' },
      { role: 'tool', tool_call_id: 'c2', content: [{ type: 'text', text: 'p1' }, { type: 'text', text: 'p2' }] },
      { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://x/1.png' } }] },
      { role: 'assistant', content: '' },
    ]);
  });

  it('is pure and idempotent', () => {
    const req = request({ extensions: { openai: { metadata: { a: '1' } } }, stream: true });
    const copy = structuredClone(req);
    assert.deepEqual(encodeOpenAIChatBody(req, 'max_tokens'), encodeOpenAIChatBody(req, 'max_tokens'));
    assert.deepEqual(req, copy);
  });
});
