import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StreamEvent } from '../../canonical/stream-event.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { GeminiStreamDecoder } from './gemini-stream-decoder.ts';

const frame = (value: unknown): string => `data: ${JSON.stringify(value)}\r\n\r\n`;
const chunk = (parts: unknown[], extra: Record<string, unknown> = {}, candidate: Record<string, unknown> = {}) => ({
  candidates: [{ content: { role: 'model', parts }, index: 0, ...candidate }],
  modelVersion: 'gemini-2.5-flash',
  responseId: 'resp1',
  ...extra,
});

function decodeAll(body: string, pieces = 1): StreamEvent[] {
  const d = new GeminiStreamDecoder();
  const bytes = Buffer.from(body);
  const out: StreamEvent[] = [];
  const size = Math.ceil(bytes.length / pieces);
  for (let i = 0; i < bytes.length; i += size) out.push(...d.push(bytes.subarray(i, i + size)));
  out.push(...d.end());
  return out;
}

const isProtocol = (kind: string) => (e: unknown) => e instanceof UpstreamProtocolError && e.kind === kind;

describe('GeminiStreamDecoder', () => {
  it('streams text deltas into one block, emits usage when it changes, then finish', () => {
    const u1 = { promptTokenCount: 6, candidatesTokenCount: 1, totalTokenCount: 7 };
    const u2 = { promptTokenCount: 6, candidatesTokenCount: 3, totalTokenCount: 9 };
    const body = frame(chunk([{ text: 'Hello' }], { usageMetadata: u1 }))
      + frame(chunk([{ text: ' there' }], { usageMetadata: u1 }))
      + frame(chunk([{ text: ' friend' }], { usageMetadata: u2 }, { finishReason: 'STOP' }));
    const expected: StreamEvent[] = [
      { type: 'message_start', id: 'resp1', model: 'gemini-2.5-flash' },
      { type: 'text_start', block: 0 },
      { type: 'text_delta', block: 0, text: 'Hello' },
      { type: 'usage', usage: { inputUncached: 6, inputCacheRead: 0, inputCacheWrite: 0, outputText: 1, outputReasoning: 0, raw: u1 } },
      { type: 'text_delta', block: 0, text: ' there' },
      { type: 'text_delta', block: 0, text: ' friend' },
      { type: 'usage', usage: { inputUncached: 6, inputCacheRead: 0, inputCacheWrite: 0, outputText: 3, outputReasoning: 0, raw: u2 } },
      { type: 'text_end', block: 0 },
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'STOP' },
    ];
    assert.deepEqual(decodeAll(body), expected);
    assert.deepEqual(decodeAll(body, 37), expected, 'same events when split into small network chunks');
  });

  it('orders thoughts, signatures, text and whole function calls into blocks', () => {
    const body = frame(chunk([{ text: 'Plan', thought: true }]))
      + frame(chunk([{ text: ' more', thought: true, thoughtSignature: 'tsig' }]))
      + frame(chunk([{ functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'fsig' }]))
      + frame(chunk([{ functionCall: { name: 'get_time', args: {} } }]))
      + frame(chunk([{ text: '' }], { usageMetadata: { promptTokenCount: 2, cachedContentTokenCount: 1, candidatesTokenCount: 4, thoughtsTokenCount: 5 } }, { finishReason: 'STOP' }));
    const events = decodeAll(body);
    assert.deepEqual(events.filter((e) => e.type !== 'usage'), [
      { type: 'message_start', id: 'resp1', model: 'gemini-2.5-flash' },
      { type: 'reasoning_start', block: 0 },
      { type: 'reasoning_delta', block: 0, text: 'Plan' },
      { type: 'reasoning_delta', block: 0, text: ' more' },
      { type: 'reasoning_signature', block: 0, signature: 'tsig' },
      { type: 'reasoning_end', block: 0 },
      { type: 'reasoning_start', block: 1 },
      { type: 'reasoning_signature', block: 1, signature: 'fsig' },
      { type: 'reasoning_end', block: 1 },
      { type: 'tool_call_start', block: 2, id: 'call_resp1_0', name: 'get_weather' },
      { type: 'tool_call_delta', block: 2, argumentsDelta: '{"city":"Paris"}' },
      { type: 'tool_call_end', block: 2 },
      { type: 'tool_call_start', block: 3, id: 'call_resp1_1', name: 'get_time' },
      { type: 'tool_call_delta', block: 3, argumentsDelta: '{}' },
      { type: 'tool_call_end', block: 3 },
      { type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'STOP' },
    ]);
    const usage = events.find((e) => e.type === 'usage');
    assert.deepEqual(usage?.type === 'usage' && { ...usage.usage, raw: undefined }, {
      inputUncached: 1, inputCacheRead: 1, inputCacheWrite: 0, outputText: 4, outputReasoning: 5, raw: undefined,
    });
  });

  it('maps MAX_TOKENS, SAFETY and a blocked prompt', () => {
    assert.deepEqual(decodeAll(frame(chunk([{ text: 'a' }], {}, { finishReason: 'MAX_TOKENS' }))).at(-1), { type: 'finish', finishReason: 'length', rawFinishReason: 'MAX_TOKENS' });
    assert.deepEqual(decodeAll(frame(chunk([], {}, { finishReason: 'SAFETY' }))).at(-1), { type: 'finish', finishReason: 'content_filter', rawFinishReason: 'SAFETY' });
    const blocked = decodeAll(frame({ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 3 }, modelVersion: 'm' }));
    assert.deepEqual(blocked.map((e) => e.type), ['message_start', 'usage', 'finish']);
    assert.deepEqual(blocked.at(-1), { type: 'finish', finishReason: 'content_filter', rawFinishReason: 'SAFETY' });
  });

  it('keeps reading usage after the finish fragment', () => {
    const body = frame(chunk([{ text: 'a' }], {}, { finishReason: 'STOP' })) + frame({ usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 1 } });
    assert.deepEqual(decodeAll(body).slice(-2).map((e) => e.type), ['finish', 'usage']);
  });

  it('throws cut when the body ends without a finish reason', () => {
    const d = new GeminiStreamDecoder();
    assert.equal(d.push(Buffer.from(frame(chunk([{ text: 'a' }])))).length, 3);
    assert.throws(() => d.end(), isProtocol('cut'));
    const partial = new GeminiStreamDecoder();
    partial.push(Buffer.from('data: {"candidates":'));
    assert.throws(() => partial.end(), (e: unknown) => isProtocol('cut')(e) && /middle of an event/.test((e as Error).message));
  });

  it('throws malformed on data that is not a JSON object', () => {
    assert.throws(() => new GeminiStreamDecoder().push(Buffer.from('data: {"candidates": broken\n\n')), isProtocol('malformed'));
    assert.throws(() => new GeminiStreamDecoder().push(Buffer.from('data: [1]\n\n')), isProtocol('malformed'));
  });

  it('throws upstream_error with the status code on an in-band error', () => {
    const body = frame({ error: { code: 429, message: 'Resource has been exhausted', status: 'RESOURCE_EXHAUSTED' } });
    assert.throws(() => new GeminiStreamDecoder().push(Buffer.from(body)), (e: unknown) =>
      isProtocol('upstream_error')(e) && (e as UpstreamProtocolError).code === 'RESOURCE_EXHAUSTED' && (e as Error).message === 'Resource has been exhausted');
  });
});
