import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpError } from '../../server/http-error.ts';
import { decodeOpenAIChatRequest } from './decode-openai-chat-request.ts';

const user = (content: unknown) => ({ role: 'user', content });
const decode = (extra: Record<string, unknown>, messages: unknown[] = [user('hi')]) => decodeOpenAIChatRequest({ model: 'm', messages, ...extra });

function rejects(body: Record<string, unknown>, param: string, message?: RegExp): void {
  assert.throws(() => decodeOpenAIChatRequest(body), (err: unknown) => {
    assert.ok(err instanceof HttpError);
    assert.equal(err.status, 400);
    assert.equal(err.type, 'invalid_request_error');
    assert.equal(err.param, param);
    if (message) assert.match(err.message, message);
    return true;
  });
}

describe('decodeOpenAIChatRequest', () => {
  it('decodes every canonical parameter', () => {
    const req = decode({
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 100,
      max_tokens: 5,
      temperature: 0.5,
      top_p: 0.9,
      stop: 'END',
      seed: -3,
      presence_penalty: 1,
      frequency_penalty: -1,
      reasoning_effort: 'low',
      user: 'u-1',
      parallel_tool_calls: false,
      n: 1,
      response_format: { type: 'json_schema', json_schema: { name: 'r', schema: { type: 'object' }, strict: true, description: 'd' } },
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'w', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: true } }],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
    assert.deepEqual(req, {
      model: 'm',
      system: [],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      tools: [{ name: 'get_weather', description: 'w', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: true }],
      stream: true,
      toolChoice: { type: 'tool', name: 'get_weather' },
      parallelToolCalls: false,
      responseFormat: { type: 'json_schema', name: 'r', schema: { type: 'object' }, description: 'd', strict: true },
      maxOutputTokens: 100,
      temperature: 0.5,
      topP: 0.9,
      stopSequences: ['END'],
      seed: -3,
      presencePenalty: 1,
      frequencyPenalty: -1,
      reasoning: { effort: 'low' },
      user: 'u-1',
    });
  });

  it('falls back to max_tokens, takes null as absent, and keeps unknown fields in extensions.openai', () => {
    const req = decode({ max_completion_tokens: null, max_tokens: 7, temperature: null, logprobs: true, metadata: { a: '1' }, service_tier: 'flex' });
    assert.equal(req.maxOutputTokens, 7);
    assert.equal(req.temperature, undefined);
    assert.equal(req.stream, false);
    assert.deepEqual(req.extensions, { openai: { logprobs: true, metadata: { a: '1' }, service_tier: 'flex' } });
  });

  it('maps tool_choice strings and response_format text/json_object', () => {
    for (const c of ['auto', 'none', 'required'] as const) assert.deepEqual(decode({ tool_choice: c }).toolChoice, { type: c });
    assert.deepEqual(decode({ response_format: { type: 'json_object' } }).responseFormat, { type: 'json_object' });
    assert.deepEqual(decode({ response_format: { type: 'text' } }).responseFormat, { type: 'text' });
    assert.deepEqual(decode({ stop: ['a', 'b'] }).stopSequences, ['a', 'b']);
  });

  it('keeps efforts canonical cannot express in extensions, sending the nearest to others', () => {
    assert.deepEqual(decode({ reasoning_effort: 'xhigh' }).reasoning, { effort: 'high' });
    assert.deepEqual(decode({ reasoning_effort: 'xhigh' }).extensions, { openai: { reasoning_effort: 'xhigh' } });
    const none = decode({ reasoning_effort: 'none' });
    assert.equal(none.reasoning, undefined);
    assert.deepEqual(none.extensions, { openai: { reasoning_effort: 'none' } });
    rejects({ model: 'm', messages: [user('x')], reasoning_effort: 'huge' }, 'reasoning_effort');
  });

  it('decodes system, developer, user parts, assistant turns and tool results in order', () => {
    const req = decode({}, [
      { role: 'system', content: 'be brief' },
      { role: 'developer', content: [{ type: 'text', text: 'use metric' }] },
      user([
        { type: 'text', text: 'look' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0K', detail: 'low' } },
        { type: 'image_url', image_url: { url: 'https://example.com/a.jpg' } },
      ]),
      {
        role: 'assistant',
        content: 'checking',
        reasoning_content: 'think first',
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
      },
      { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
      { role: 'assistant', content: [{ type: 'text', text: 'It is ' }, { type: 'refusal', refusal: 'sunny.' }], name: 'bot' },
    ]);
    assert.deepEqual(req.system, [{ type: 'text', text: 'be brief' }, { type: 'text', text: 'use metric' }]);
    assert.deepEqual(req.messages, [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'look' },
          { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0K' }, detail: 'low' },
          { type: 'image', source: { kind: 'url', url: 'https://example.com/a.jpg' } },
        ],
      },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'think first' },
          { type: 'text', text: 'checking' },
          { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        ],
      },
      { role: 'tool', toolCallId: 'call_1', toolName: 'get_weather', content: [{ type: 'text', text: 'sunny' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'It is ' }, { type: 'text', text: 'sunny.' }] },
    ]);
  });

  it('accepts an assistant turn with only tool calls and content null', () => {
    const req = decode({}, [user('x'), { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } }] }]);
    assert.deepEqual(req.messages[1], { role: 'assistant', content: [{ type: 'tool_call', id: 'c', name: 'f', arguments: '{}' }] });
  });

  it('refuses what cannot be translated, naming the parameter', () => {
    const base = { model: 'm', messages: [user('x')] };
    rejects({ ...base, n: 2 }, 'n', /^n > 1 is not supported for this model's provider$/);
    rejects({ ...base, messages: [{ role: 'function', name: 'f', content: 'r' }] }, 'messages[0].role', /legacy 'function' role/);
    rejects({ ...base, functions: [{ name: 'f' }] }, 'functions', /use 'tools'/);
    rejects({ ...base, tools: [{ type: 'custom', custom: { name: 'g' } }] }, 'tools[0].type', /not supported/);
    rejects({ ...base, tool_choice: { type: 'allowed_tools', allowed_tools: {} } }, 'tool_choice');
    rejects({ ...base, messages: [user([{ type: 'input_audio', input_audio: { data: '', format: 'wav' } }])] }, 'messages[0].content[0].type', /input_audio/);
    rejects({ ...base, messages: [user([{ type: 'image_url', image_url: { url: 'ftp://x/y.png' } }])] }, 'messages[0].content[0].image_url.url');
    rejects({ ...base, messages: [user([{ type: 'image_url', image_url: { url: 'data:image/png,abc' } }])] }, 'messages[0].content[0].image_url.url', /base64/);
    rejects({ ...base, messages: [user([{ type: 'image_url', image_url: { url: 'https://x/y.png', detail: 'max' } }])] }, 'messages[0].content[0].image_url.detail');
    rejects({ ...base, messages: [{ role: 'tool', content: 'r' }] }, 'messages[0].tool_call_id');
    rejects({ ...base, messages: [{ role: 'assistant' }] }, 'messages[0].content');
    rejects({ ...base, messages: [{ role: 'robot', content: 'x' }] }, 'messages[0].role');
    rejects({ ...base, messages: [] }, 'messages');
    rejects({ messages: [user('x')] }, 'model');
  });

  it('validates scalar parameters', () => {
    const base = { model: 'm', messages: [user('x')] };
    rejects({ ...base, temperature: 3 }, 'temperature', /between 0 and 2/);
    rejects({ ...base, top_p: '1' }, 'top_p');
    rejects({ ...base, max_completion_tokens: 0 }, 'max_completion_tokens');
    rejects({ ...base, max_tokens: 1.5 }, 'max_tokens');
    rejects({ ...base, stop: [1] }, 'stop');
    rejects({ ...base, stream: 'yes' }, 'stream');
    rejects({ ...base, stream_options: 'x' }, 'stream_options');
    rejects({ ...base, response_format: { type: 'json_schema', json_schema: {} } }, 'response_format.json_schema.name');
    rejects({ ...base, response_format: { type: 'xml' } }, 'response_format.type');
    rejects({ ...base, presence_penalty: -3 }, 'presence_penalty');
  });

  it('is pure: decoding twice gives equal results and leaves the body untouched', () => {
    const body = { model: 'm', messages: [user('x')], reasoning_effort: 'max', logprobs: true };
    const copy = structuredClone(body);
    assert.deepEqual(decodeOpenAIChatRequest(body), decodeOpenAIChatRequest(body));
    assert.deepEqual(body, copy);
  });
});
