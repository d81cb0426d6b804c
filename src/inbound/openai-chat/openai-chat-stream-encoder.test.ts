import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StreamEvent } from '../../canonical/stream-event.ts';
import { HttpError } from '../../server/http-error.ts';
import type { EncodeContext } from '../inbound-codec.ts';
import { createOpenAIChatStreamEncoder } from './openai-chat-stream-encoder.ts';

const usage = { inputUncached: 4, inputCacheRead: 2, inputCacheWrite: 0, outputText: 5, outputReasoning: 1 };

function frames(ctx: EncodeContext, events: StreamEvent[]): unknown[] {
  const enc = createOpenAIChatStreamEncoder(ctx);
  const text = events.map((e) => enc.event(e)).join('') + enc.end();
  assert.ok(text.endsWith('data: [DONE]\n\n'));
  return text.split('\n\n').filter((f) => f !== '').map((f) => {
    assert.ok(f.startsWith('data: '));
    const data = f.slice(6);
    return data === '[DONE]' ? data : JSON.parse(data);
  });
}

const ctx: EncodeContext = { requestId: 'r1', publicModel: 'pub', createdAt: 100, includeUsage: false };
const head = { id: 'chatcmpl-r1', object: 'chat.completion.chunk', created: 100, model: 'pub' };
const chunk = (delta: object, finish: string | null = null, extra: object = {}) => ({ ...head, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...extra });

const toolEvents: StreamEvent[] = [
  { type: 'message_start', id: 'm', model: 'x' },
  { type: 'reasoning_start', block: 0 },
  { type: 'reasoning_delta', block: 0, text: 'plan' },
  { type: 'reasoning_end', block: 0 },
  { type: 'text_start', block: 1 },
  { type: 'text_delta', block: 1, text: 'Hi' },
  { type: 'text_end', block: 1 },
  { type: 'tool_call_start', block: 2, id: 'call_a', name: 'get_weather' },
  { type: 'tool_call_delta', block: 2, argumentsDelta: '{"ci' },
  { type: 'tool_call_delta', block: 2, argumentsDelta: 'ty":"Paris"}' },
  { type: 'tool_call_end', block: 2 },
  { type: 'tool_call_start', block: 3, id: 'call_b', name: 'get_time' },
  { type: 'tool_call_delta', block: 3, argumentsDelta: '{}' },
  { type: 'tool_call_end', block: 3 },
  { type: 'finish', finishReason: 'tool_calls' },
  { type: 'usage', usage },
];

describe('OpenAI chat stream encoder', () => {
  it('emits role, reasoning, text and tool-call deltas indexed by call position, then finish and [DONE]', () => {
    assert.deepEqual(frames(ctx, toolEvents), [
      chunk({ role: 'assistant', content: '', refusal: null }),
      chunk({ reasoning_content: 'plan' }),
      chunk({ content: 'Hi' }),
      chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"ci' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: 'ty":"Paris"}' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '' } }] }),
      chunk({ tool_calls: [{ index: 1, function: { arguments: '{}' } }] }),
      chunk({}, 'tool_calls'),
      '[DONE]',
    ]);
  });

  it('with include_usage adds "usage": null to every chunk and a usage chunk with no choices before [DONE]', () => {
    const out = frames({ ...ctx, includeUsage: true }, [
      { type: 'text_start', block: 0 },
      { type: 'text_delta', block: 0, text: 'a' },
      { type: 'text_end', block: 0 },
      { type: 'usage', usage },
      { type: 'finish', finishReason: 'length' },
    ]);
    assert.deepEqual(out, [
      chunk({ role: 'assistant', content: '', refusal: null }, null, { usage: null }),
      chunk({ content: 'a' }, null, { usage: null }),
      chunk({}, 'length', { usage: null }),
      {
        ...head,
        choices: [],
        usage: { prompt_tokens: 6, completion_tokens: 6, total_tokens: 12, prompt_tokens_details: { cached_tokens: 2 }, completion_tokens_details: { reasoning_tokens: 1 } },
      },
      '[DONE]',
    ]);
  });

  it('sends no usage chunk when the client did not ask for it', () => {
    const out = frames(ctx, [{ type: 'usage', usage }, { type: 'finish', finishReason: 'stop' }]);
    assert.deepEqual(out, [chunk({ role: 'assistant', content: '', refusal: null }), chunk({}, 'stop'), '[DONE]']);
  });

  it('error() is one OpenAI error frame and no [DONE]', () => {
    const enc = createOpenAIChatStreamEncoder(ctx);
    const text = enc.error(new HttpError(502, 'upstream_error', 'upstream_stream_cut', 'provider p ended early'));
    assert.equal(text, 'data: {"error":{"message":"provider p ended early","type":"upstream_error","param":null,"code":"upstream_stream_cut"}}\n\n');
  });
});
