import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StreamEvent } from '../../canonical/stream-event.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { OpenAIChatStreamDecoder } from './openai-chat-stream-decoder.ts';

const head = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o' };
const chunk = (delta: object | undefined, finish: string | null = null, extra: object = {}) =>
  `data: ${JSON.stringify({ ...head, choices: [{ index: 0, ...(delta ? { delta } : {}), logprobs: null, finish_reason: finish }], ...extra })}\n\n`;
const usageWire = { prompt_tokens: 10, completion_tokens: 6, total_tokens: 16, prompt_tokens_details: { cached_tokens: 4 }, completion_tokens_details: { reasoning_tokens: 2 } };
const usageChunk = `data: ${JSON.stringify({ ...head, choices: [], usage: usageWire })}\n\n`;
const usage = { inputUncached: 6, inputCacheRead: 4, inputCacheWrite: 0, outputText: 4, outputReasoning: 2, raw: usageWire };
const DONE = 'data: [DONE]\n\n';

/** Decodes `text` pushed in pieces of `step` bytes (1 = every byte boundary, splitting multi-byte characters). */
function decode(text: string, step = 7): StreamEvent[] {
  const d = new OpenAIChatStreamDecoder();
  const bytes = Buffer.from(text);
  const out: StreamEvent[] = [];
  for (let i = 0; i < bytes.length; i += step) out.push(...d.push(bytes.subarray(i, i + step)));
  out.push(...d.end());
  return out;
}

function protocolError(text: string, kind: UpstreamProtocolError['kind']): UpstreamProtocolError {
  let caught: unknown;
  try {
    decode(text);
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof UpstreamProtocolError, `expected an UpstreamProtocolError, got ${String(caught)}`);
  assert.equal(caught.kind, kind);
  return caught;
}

describe('OpenAIChatStreamDecoder', () => {
  const textStream = chunk({ role: 'assistant', content: '' }) + chunk({ content: 'Hé' }) + chunk({ content: 'llo' }) + chunk({}, 'stop') + usageChunk + DONE;
  const textEvents: StreamEvent[] = [
    { type: 'message_start', id: 'chatcmpl-1', model: 'gpt-4o' },
    { type: 'text_start', block: 0 },
    { type: 'text_delta', block: 0, text: 'Hé' },
    { type: 'text_delta', block: 0, text: 'llo' },
    { type: 'text_end', block: 0 },
    { type: 'usage', usage },
    { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop' },
  ];

  it('decodes a text stream: blocks, usage from the usage chunk, finish at [DONE]', () => {
    assert.deepEqual(decode(textStream), textEvents);
  });

  it('gives the same events whatever the network chunking', () => {
    for (const step of [1, 2, 3, 64, 100_000]) assert.deepEqual(decode(textStream, step), textEvents);
    assert.deepEqual(decode(textStream.replaceAll('\n', '\r\n'), 5), textEvents);
  });

  it('decodes reasoning then text, and parallel tool calls one block per index with argument fragments', () => {
    const text = chunk({ role: 'assistant', reasoning_content: 'Let me' }) + chunk({ reasoning_content: ' think' }) + chunk({ content: 'Ok.' })
      + chunk({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] })
      + chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] })
      + chunk({ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] })
      + chunk({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{}' } }] })
      + chunk({}, 'tool_calls') + usageChunk + DONE;
    assert.deepEqual(decode(text, 11), [
      { type: 'message_start', id: 'chatcmpl-1', model: 'gpt-4o' },
      { type: 'reasoning_start', block: 0 },
      { type: 'reasoning_delta', block: 0, text: 'Let me' },
      { type: 'reasoning_delta', block: 0, text: ' think' },
      { type: 'reasoning_end', block: 0 },
      { type: 'text_start', block: 1 },
      { type: 'text_delta', block: 1, text: 'Ok.' },
      { type: 'text_end', block: 1 },
      { type: 'tool_call_start', block: 2, id: 'call_a', name: 'get_weather' },
      { type: 'tool_call_delta', block: 2, argumentsDelta: '{"city":' },
      { type: 'tool_call_delta', block: 2, argumentsDelta: '"Paris"}' },
      { type: 'tool_call_end', block: 2 },
      { type: 'tool_call_start', block: 3, id: 'call_b', name: 'get_time' },
      { type: 'tool_call_delta', block: 3, argumentsDelta: '{}' },
      { type: 'tool_call_end', block: 3 },
      { type: 'usage', usage },
      { type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'tool_calls' },
    ]);
  });

  it('accepts the `reasoning` delta field too', () => {
    const events = decode(chunk({ reasoning: 'r' }) + chunk({}, 'stop') + DONE);
    assert.deepEqual(events.slice(1, 4), [{ type: 'reasoning_start', block: 0 }, { type: 'reasoning_delta', block: 0, text: 'r' }, { type: 'reasoning_end', block: 0 }]);
  });

  it('tolerates Azure: a first chunk with empty choices, content-filter chunks without a delta', () => {
    const promptFilter = `data: ${JSON.stringify({ choices: [], created: 0, id: '', model: '', object: '', prompt_filter_results: [{ prompt_index: 0, content_filter_results: { hate: { filtered: false, severity: 'safe' } } }] })}\n\n`;
    const text = promptFilter + chunk({ role: 'assistant', content: '' }, null, { prompt_filter_results: undefined })
      + chunk({ content: 'Hi' }, null).replace('"logprobs"', '"content_filter_results":{},"logprobs"')
      + `data: ${JSON.stringify({ ...head, choices: [{ index: 0, finish_reason: null, content_filter_results: { hate: { filtered: false, severity: 'safe' } } }] })}\n\n`
      + chunk({}, 'content_filter') + DONE;
    assert.deepEqual(decode(text), [
      { type: 'message_start', id: 'chatcmpl-1', model: 'gpt-4o' },
      { type: 'text_start', block: 0 },
      { type: 'text_delta', block: 0, text: 'Hi' },
      { type: 'text_end', block: 0 },
      { type: 'finish', finishReason: 'content_filter', rawFinishReason: 'content_filter' },
    ]);
  });

  it('an in-band error is an upstream_error carrying its code', () => {
    const err = protocolError(chunk({ content: 'a' }) + 'data: {"error":{"message":"overloaded","type":"server_error","code":"rate_limit_exceeded"}}\n\n', 'upstream_error');
    assert.equal(err.code, 'rate_limit_exceeded');
    assert.equal(err.message, 'overloaded');
  });

  it('malformed data is malformed; a stream without [DONE] is cut', () => {
    protocolError(chunk({ content: 'a' }) + 'data: {"id": broken\n\n', 'malformed');
    protocolError('data: [1,2]\n\n', 'malformed');
    assert.match(protocolError(chunk({ content: 'a' }) + chunk({}, 'stop') + usageChunk, 'cut').message, /before \[DONE\]/);
    assert.match(protocolError(chunk({ content: 'a' }) + 'data: {"id":', 'cut').message, /middle of an event/);
  });

  it('refuses arguments for a tool call after the next one started', () => {
    protocolError(chunk({ tool_calls: [{ index: 0, id: 'a', function: { name: 'f', arguments: '' } }] })
      + chunk({ tool_calls: [{ index: 1, id: 'b', function: { name: 'g', arguments: '' } }] })
      + chunk({ tool_calls: [{ index: 0, function: { arguments: '{}' } }] }) + DONE, 'malformed');
  });

  it('ignores anything after [DONE] and finishes as other when no finish reason came', () => {
    assert.deepEqual(decode(chunk({ content: 'a' }) + DONE + 'data: {"id": broken\n\n'), [
      { type: 'message_start', id: 'chatcmpl-1', model: 'gpt-4o' },
      { type: 'text_start', block: 0 },
      { type: 'text_delta', block: 0, text: 'a' },
      { type: 'text_end', block: 0 },
      { type: 'finish', finishReason: 'other' },
    ]);
  });
});
