import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CanonicalRequest } from '../canonical/request.ts';
import type { ProviderConfig } from '../config/types.ts';
import { anthropicAdapter } from './anthropic/anthropic-adapter.ts';
import { geminiAdapter } from './gemini/gemini-adapter.ts';
import { openAIAdapter } from './openai/openai-adapter.ts';
import { UpstreamProtocolError } from './provider-adapter.ts';
import { readTokenCount } from './read-token-count.ts';
import { vertexAdapter } from './vertex/vertex-adapter.ts';

const req: CanonicalRequest = {
  model: 'm-1',
  system: [{ type: 'text', text: 'Be brief.' }],
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
    { role: 'assistant', content: [{ type: 'text', text: 'Checking.' }, { type: 'tool_call', id: 'c1', name: 'weather', arguments: '{"city":"Oslo"}' }] },
    { role: 'tool', toolCallId: 'c1', content: [{ type: 'text', text: 'rain' }] },
  ],
  tools: [{ name: 'weather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
  toolChoice: { type: 'auto' },
  maxOutputTokens: 100,
  temperature: 0.5,
  stream: true,
};
const provider = (type: ProviderConfig['type'], extra: Partial<ProviderConfig> = {}) =>
  ({ id: 'p', type, baseUrl: 'http://x', headers: {}, maxConnections: 1, timeouts: {}, ...extra }) as ProviderConfig;

test('Anthropic counts at /messages/count_tokens with the prompt but no sampling fields', () => {
  const r = anthropicAdapter.countTokens!.encode(req, provider('anthropic'))!;
  assert.equal(r.path, '/messages/count_tokens');
  const body = JSON.parse(r.body) as Record<string, unknown>;
  assert.deepEqual(Object.keys(body).sort(), ['messages', 'model', 'system', 'tool_choice', 'tools']);
});

test('Gemini wraps a generateContentRequest naming the model; Vertex sends contents, systemInstruction and tools', () => {
  const g = geminiAdapter.countTokens!.encode(req, provider('gemini'))!;
  assert.equal(g.path, '/models/m-1:countTokens');
  const gb = JSON.parse(g.body) as { generateContentRequest: Record<string, unknown> };
  assert.equal(gb.generateContentRequest.model, 'models/m-1');
  assert.ok(Array.isArray(gb.generateContentRequest.contents) && gb.generateContentRequest.systemInstruction && gb.generateContentRequest.tools);
  const v = vertexAdapter.countTokens!.encode(req, provider('vertex', { project: 'pr', region: 'us-central1' }))!;
  assert.equal(v.path, '/projects/pr/locations/us-central1/publishers/google/models/m-1:countTokens');
  assert.deepEqual(Object.keys(JSON.parse(v.body) as object).sort(), ['contents', 'systemInstruction', 'tools']);
});

test('OpenAI counts with the Responses input format; OpenAI-compatible servers cannot count', () => {
  const o = openAIAdapter.countTokens!.encode(req, provider('openai'))!;
  assert.equal(o.path, '/responses/input_tokens');
  assert.deepEqual(JSON.parse(o.body), {
    model: 'm-1',
    instructions: 'Be brief.',
    input: [
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Weather?' }] },
      { type: 'message', role: 'assistant', content: 'Checking.' },
      { type: 'function_call', call_id: 'c1', name: 'weather', arguments: '{"city":"Oslo"}' },
      { type: 'function_call_output', call_id: 'c1', output: [{ type: 'input_text', text: 'rain' }] },
    ],
    tools: [{ type: 'function', name: 'weather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: false }],
    tool_choice: 'auto',
  });
  assert.equal(openAIAdapter.countTokens!.encode(req, provider('openai-compatible')), undefined);
});

test('counts are read from the documented fields, and anything else is a malformed answer', () => {
  assert.equal(readTokenCount({ input_tokens: 12, object: 'response.input_tokens' }, 'input_tokens'), 12);
  assert.equal(readTokenCount({}, 'totalTokens', true), 0, 'proto3 JSON leaves a zero out');
  for (const bad of [null, [], 'x', { input_tokens: -1 }, { input_tokens: 1.5 }, { input_tokens: '3' }, { input_tokens: 1e300 }, {}]) {
    assert.throws(() => readTokenCount(bad, 'input_tokens'), UpstreamProtocolError);
  }
});
