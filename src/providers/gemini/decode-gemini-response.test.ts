import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { decodeGeminiResponse } from './decode-gemini-response.ts';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.ts';
import { mapGeminiUsage } from './map-gemini-usage.ts';

describe('decodeGeminiResponse', () => {
  it('decodes text, usage, model and id', () => {
    const usage = { promptTokenCount: 12, cachedContentTokenCount: 5, candidatesTokenCount: 8, thoughtsTokenCount: 3, totalTokenCount: 23 };
    const r = decodeGeminiResponse({
      candidates: [{ content: { role: 'model', parts: [{ text: 'Hello' }, { text: ' world' }] }, finishReason: 'STOP', index: 0 }],
      usageMetadata: usage,
      modelVersion: 'gemini-2.5-flash',
      responseId: 'resp-1',
      createTime: '2025-01-02T03:04:05.500Z',
    });
    assert.deepEqual(r, {
      id: 'resp-1',
      model: 'gemini-2.5-flash',
      content: [{ type: 'text', text: 'Hello' }, { type: 'text', text: ' world' }],
      finishReason: 'stop',
      rawFinishReason: 'STOP',
      usage: { inputUncached: 7, inputCacheRead: 5, inputCacheWrite: 0, outputText: 8, outputReasoning: 3, raw: usage },
      created: 1735787045,
    });
  });

  it('keeps part order: thoughts, signatures, text and function calls with generated ids', () => {
    const r = decodeGeminiResponse({
      candidates: [{
        content: {
          role: 'model',
          parts: [
            { text: 'Let me think', thought: true },
            { functionCall: { name: 'get_weather', args: { city: 'Paris' } }, thoughtSignature: 'sig1' },
            { functionCall: { id: 'fc-7', name: 'get_time' } },
            { text: '', thoughtSignature: 'sig2' },
            { inlineData: { mimeType: 'image/png', data: 'AA==' } },
            { text: '' },
          ],
        },
        finishReason: 'STOP',
      }],
      responseId: 'r/1+x',
    });
    assert.deepEqual(r.content, [
      { type: 'reasoning', text: 'Let me think' },
      { type: 'reasoning', text: '', signature: 'sig1' },
      { type: 'tool_call', id: 'call_r1x_0', name: 'get_weather', arguments: '{"city":"Paris"}' },
      { type: 'tool_call', id: 'fc-7', name: 'get_time', arguments: '{}' },
      { type: 'reasoning', text: '', signature: 'sig2' },
    ]);
    assert.equal(r.finishReason, 'tool_calls');
    assert.equal(r.rawFinishReason, 'STOP');
    assert.deepEqual(r.usage, { inputUncached: 0, inputCacheRead: 0, inputCacheWrite: 0, outputText: 0, outputReasoning: 0 });
  });

  it('reports a blocked prompt as content_filter', () => {
    const r = decodeGeminiResponse({ promptFeedback: { blockReason: 'PROHIBITED_CONTENT' }, usageMetadata: { promptTokenCount: 4, totalTokenCount: 4 } });
    assert.equal(r.finishReason, 'content_filter');
    assert.equal(r.rawFinishReason, 'PROHIBITED_CONTENT');
    assert.deepEqual(r.content, []);
    assert.equal(r.usage.inputUncached, 4);
    assert.match(r.id, /^resp_/);
  });

  it('maps a SAFETY stop without content', () => {
    const r = decodeGeminiResponse({ candidates: [{ finishReason: 'SAFETY', safetyRatings: [{ category: 'HARM_CATEGORY_HARASSMENT', probability: 'HIGH', blocked: true }] }] });
    assert.equal(r.finishReason, 'content_filter');
    assert.deepEqual(r.content, []);
  });

  it('rejects bodies that are not a response', () => {
    for (const body of [null, [], 'x', { candidates: 'no' }, {}]) {
      assert.throws(() => decodeGeminiResponse(body), (e: unknown) => e instanceof UpstreamProtocolError && e.kind === 'malformed');
    }
  });
});

describe('mapGeminiFinishReason', () => {
  it('maps every documented reason', () => {
    const cases: Array<[string, boolean, string]> = [
      ['STOP', false, 'stop'], ['STOP', true, 'tool_calls'], ['MAX_TOKENS', true, 'length'],
      ['SAFETY', false, 'content_filter'], ['RECITATION', false, 'content_filter'], ['BLOCKLIST', false, 'content_filter'],
      ['PROHIBITED_CONTENT', false, 'content_filter'], ['SPII', false, 'content_filter'], ['IMAGE_SAFETY', false, 'content_filter'],
      ['MALFORMED_FUNCTION_CALL', false, 'error'], ['UNEXPECTED_TOOL_CALL', false, 'error'], ['TOO_MANY_TOOL_CALLS', false, 'error'],
      ['LANGUAGE', false, 'other'], ['OTHER', false, 'other'], ['FINISH_REASON_UNSPECIFIED', false, 'other'], ['NEW_THING', false, 'other'],
    ];
    for (const [raw, tools, expected] of cases) assert.equal(mapGeminiFinishReason(raw, tools), expected, raw);
  });
});

describe('mapGeminiUsage', () => {
  it('subtracts cached from prompt, adds tool-use prompt, keeps thoughts separate', () => {
    const u = { promptTokenCount: 100, cachedContentTokenCount: 60, toolUsePromptTokenCount: 9, candidatesTokenCount: 20, thoughtsTokenCount: 30, totalTokenCount: 159 };
    assert.deepEqual(mapGeminiUsage(u), { inputUncached: 49, inputCacheRead: 60, inputCacheWrite: 0, outputText: 20, outputReasoning: 30, raw: u });
  });

  it('clamps nonsense and caps cached at the prompt', () => {
    const u = { promptTokenCount: 10, cachedContentTokenCount: 50, candidatesTokenCount: -3, thoughtsTokenCount: 2.7 };
    assert.deepEqual(mapGeminiUsage(u), { inputUncached: 0, inputCacheRead: 10, inputCacheWrite: 0, outputText: 0, outputReasoning: 2, raw: u });
  });
});
