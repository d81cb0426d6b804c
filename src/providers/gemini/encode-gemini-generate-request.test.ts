import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CanonicalRequest } from '../../canonical/request.ts';
import { encodeGeminiGenerateRequest, requiresFunctionCallSignatures } from './encode-gemini-generate-request.ts';

function request(extra: Partial<CanonicalRequest> = {}): CanonicalRequest {
  return { model: 'gemini-2.5-flash', system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], tools: [], stream: false, ...extra };
}

describe('encodeGeminiGenerateRequest', () => {
  it('sends only contents for a bare request', () => {
    assert.deepEqual(encodeGeminiGenerateRequest(request()), { contents: [{ role: 'user', parts: [{ text: 'hi' }] }] });
  });

  it('maps system, sampling, stop, seed, penalties and max tokens', () => {
    const body = encodeGeminiGenerateRequest(request({
      system: [{ type: 'text', text: 'be brief' }, { type: 'text', text: 'be kind' }],
      maxOutputTokens: 100, temperature: 0.2, topP: 0.9, topK: 40, stopSequences: ['END'], seed: 7, presencePenalty: 0.1, frequencyPenalty: 0.3,
      user: 'u1', parallelToolCalls: false,
    }));
    assert.deepEqual(body.systemInstruction, { parts: [{ text: 'be brief' }, { text: 'be kind' }] });
    assert.deepEqual(body.generationConfig, {
      maxOutputTokens: 100, temperature: 0.2, topP: 0.9, topK: 40, stopSequences: ['END'], seed: 7, presencePenalty: 0.1, frequencyPenalty: 0.3,
    });
  });

  it('declares tools with converted schemas and maps every tool choice', () => {
    const tools = [
      { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false } },
      { name: 'ping', parameters: { type: 'object', properties: {} } },
    ];
    const body = encodeGeminiGenerateRequest(request({ tools, toolChoice: { type: 'auto' } }));
    assert.deepEqual(body.tools, [{
      functionDeclarations: [
        { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
        { name: 'ping' },
      ],
    }]);
    assert.deepEqual(body.toolConfig, { functionCallingConfig: { mode: 'AUTO' } });
    assert.deepEqual(encodeGeminiGenerateRequest(request({ tools, toolChoice: { type: 'none' } })).toolConfig, { functionCallingConfig: { mode: 'NONE' } });
    assert.deepEqual(encodeGeminiGenerateRequest(request({ tools, toolChoice: { type: 'required' } })).toolConfig, { functionCallingConfig: { mode: 'ANY' } });
    assert.deepEqual(encodeGeminiGenerateRequest(request({ tools, toolChoice: { type: 'tool', name: 'ping' } })).toolConfig, {
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['ping'] },
    });
    assert.equal(encodeGeminiGenerateRequest(request({ tools })).toolConfig, undefined);
    assert.equal(encodeGeminiGenerateRequest(request({ toolChoice: { type: 'required' } })).toolConfig, undefined);
  });

  it('asks for JSON output, with a converted response schema for json_schema', () => {
    assert.deepEqual(encodeGeminiGenerateRequest(request({ responseFormat: { type: 'json_object' } })).generationConfig, { responseMimeType: 'application/json' });
    const body = encodeGeminiGenerateRequest(request({
      responseFormat: { type: 'json_schema', name: 'r', strict: true, schema: { type: 'object', properties: { ok: { type: 'boolean' } }, additionalProperties: false } },
    }));
    assert.deepEqual(body.generationConfig, { responseMimeType: 'application/json', responseSchema: { type: 'object', properties: { ok: { type: 'boolean' } } } });
    assert.equal(encodeGeminiGenerateRequest(request({ responseFormat: { type: 'text' } })).generationConfig, undefined);
  });

  it('maps reasoning to a thinking budget with thought summaries', () => {
    const config = (reasoning: CanonicalRequest['reasoning']) => encodeGeminiGenerateRequest(request({ reasoning })).generationConfig?.thinkingConfig;
    assert.deepEqual(config({ budgetTokens: 2048, effort: 'high' }), { thinkingBudget: 2048, includeThoughts: true });
    assert.deepEqual(config({ effort: 'minimal' }), { thinkingBudget: 512, includeThoughts: true });
    assert.deepEqual(config({ effort: 'low' }), { thinkingBudget: 1024, includeThoughts: true });
    assert.deepEqual(config({ effort: 'medium' }), { thinkingBudget: 8192, includeThoughts: true });
    assert.deepEqual(config({ effort: 'high' }), { thinkingBudget: 24576, includeThoughts: true });
    assert.deepEqual(config({}), { includeThoughts: true });
    assert.equal(config(undefined), undefined);
  });

  it('passes gemini extensions through', () => {
    const body = encodeGeminiGenerateRequest(request({ extensions: { gemini: { safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }], cachedContent: 'cachedContents/abc' } } }));
    assert.deepEqual(body.safetySettings, [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }]);
    assert.equal(body.cachedContent, 'cachedContents/abc');
  });

  it('is pure: encoding twice gives the same body', () => {
    const req = request({ tools: [{ name: 'f', parameters: { type: 'object', properties: { a: { type: 'string' } } } }], reasoning: { effort: 'low' } });
    assert.deepEqual(encodeGeminiGenerateRequest(req), encodeGeminiGenerateRequest(req));
  });

  it('recognizes Gemini 3 and later by model name', () => {
    assert.equal(requiresFunctionCallSignatures('gemini-3-pro-preview'), true);
    assert.equal(requiresFunctionCallSignatures('models/gemini-3.1-flash'), true);
    assert.equal(requiresFunctionCallSignatures('gemini-10-ultra'), true);
    assert.equal(requiresFunctionCallSignatures('gemini-2.5-flash'), false);
    assert.equal(requiresFunctionCallSignatures('gemma-3-27b-it'), false);
  });
});
