import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CanonicalRequest } from '../../canonical/request.ts';
import type { ProviderConfig } from '../../config/types.ts';
import { HttpError } from '../../server/http-error.ts';
import { encodeBedrockConverseRequest } from './encode-bedrock-converse-request.ts';

const P = { id: 'bedrock', type: 'bedrock', baseUrl: 'https://bedrock-runtime.us-east-1.amazonaws.com', region: 'us-east-1', headers: {}, maxConnections: 1 } as unknown as ProviderConfig;
const CLAUDE = 'anthropic.claude-3-7-sonnet-20250219-v1:0';

function request(over: Partial<CanonicalRequest> = {}): CanonicalRequest {
  return { model: CLAUDE, system: [], messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], tools: [], stream: false, ...over };
}
const body = (r: CanonicalRequest) => JSON.parse(encodeBedrockConverseRequest(r, P).body) as Record<string, unknown>;

describe('encodeBedrockConverseRequest', () => {
  it('posts to /model/{id}/converse with the id path-encoded, converse-stream when streaming', () => {
    const plain = encodeBedrockConverseRequest(request(), P);
    assert.equal(plain.method, 'POST');
    assert.equal(plain.path, '/model/anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse');
    assert.deepEqual(plain.headers, { 'content-type': 'application/json', accept: 'application/json' });
    const extra = encodeBedrockConverseRequest(request(), { ...P, headers: { 'x-team': 'a' } });
    assert.deepEqual(extra.headers, { 'x-team': 'a', 'content-type': 'application/json', accept: 'application/json' }, 'operator headers are sent (and signed)');
    const stream = encodeBedrockConverseRequest(request({ stream: true }), P);
    assert.equal(stream.path, '/model/anthropic.claude-3-7-sonnet-20250219-v1%3A0/converse-stream');
    assert.equal(stream.headers.accept, 'application/vnd.amazon.eventstream');
    const arn = encodeBedrockConverseRequest(request({ model: 'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0' }), P);
    assert.equal(arn.path, '/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-3-5-haiku-20241022-v1%3A0/converse');
  });

  it('sends a minimal body when nothing optional is set', () => {
    assert.deepEqual(body(request()), { messages: [{ role: 'user', content: [{ text: 'hi' }] }] });
  });

  it('maps system text and cache markers to text + cachePoint blocks', () => {
    const b = body(request({ system: [{ type: 'text', text: 'be brief', cacheControl: { type: 'ephemeral' } }, { type: 'text', text: 'second' }] }));
    assert.deepEqual(b.system, [{ text: 'be brief' }, { cachePoint: { type: 'default' } }, { text: 'second' }]);
  });

  it('encodes user text, cache points and base64 images; rejects URL images and odd formats', () => {
    const b = body(request({
      messages: [{
        role: 'user',
        content: [
          { type: 'text', text: 'look', cacheControl: { type: 'ephemeral' } },
          { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: 'AAEC' } },
        ],
      }],
    }));
    assert.deepEqual(b.messages, [{ role: 'user', content: [{ text: 'look' }, { cachePoint: { type: 'default' } }, { image: { format: 'jpeg', source: { bytes: 'AAEC' } } }] }]);
    const url = () => encodeBedrockConverseRequest(request({ messages: [{ role: 'user', content: [{ type: 'image', source: { kind: 'url', url: 'https://x/y.png' } }] }] }), P);
    assert.throws(url, (e: unknown) => e instanceof HttpError && e.status === 400 && e.code === 'unsupported_content' && /inline bytes/.test(e.message));
    const tiff = () => encodeBedrockConverseRequest(request({ messages: [{ role: 'user', content: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/tiff', data: 'AA' } }] }] }), P);
    assert.throws(tiff, (e: unknown) => e instanceof HttpError && e.status === 400);
  });

  it('round-trips assistant reasoning (signed and redacted), text and tool calls in order, then merges tool results into one user turn', () => {
    const b = body(request({
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'weather?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'think', signature: 'sig1' },
            { type: 'reasoning', text: '', redactedData: 'cmVkYWN0ZWQ=' },
            { type: 'text', text: 'calling' },
            { type: 'text', text: '' },
            { type: 'tool_call', id: 'tu_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
            { type: 'tool_call', id: 'tu_2', name: 'get_time', arguments: '' },
          ],
        },
        { role: 'tool', toolCallId: 'tu_1', content: [{ type: 'text', text: '20C' }] },
        { role: 'tool', toolCallId: 'tu_2', content: [{ type: 'text', text: 'boom' }], isError: true },
        { role: 'user', content: [{ type: 'text', text: 'thanks' }] },
      ],
    }));
    assert.deepEqual(b.messages, [
      { role: 'user', content: [{ text: 'weather?' }] },
      {
        role: 'assistant',
        content: [
          { reasoningContent: { reasoningText: { text: 'think', signature: 'sig1' } } },
          { reasoningContent: { redactedContent: 'cmVkYWN0ZWQ=' } },
          { text: 'calling' },
          { toolUse: { toolUseId: 'tu_1', name: 'get_weather', input: { city: 'Paris' } } },
          { toolUse: { toolUseId: 'tu_2', name: 'get_time', input: {} } },
        ],
      },
      {
        role: 'user',
        content: [
          { toolResult: { toolUseId: 'tu_1', content: [{ text: '20C' }] } },
          { toolResult: { toolUseId: 'tu_2', content: [{ text: 'boom' }], status: 'error' } },
          { text: 'thanks' },
        ],
      },
    ]);
  });

  it('rejects tool call arguments that are not JSON', () => {
    const r = request({ messages: [{ role: 'user', content: [{ type: 'text', text: 'x' }] }, { role: 'assistant', content: [{ type: 'tool_call', id: 'a', name: 'f', arguments: '{oops' }] }] });
    assert.throws(() => encodeBedrockConverseRequest(r, P), (e: unknown) => e instanceof HttpError && e.code === 'invalid_tool_arguments');
  });

  it('maps sampling to inferenceConfig', () => {
    const b = body(request({ maxOutputTokens: 300, temperature: 0.2, topP: 0.9, stopSequences: ['END'], seed: 7, presencePenalty: 1 }));
    assert.deepEqual(b.inferenceConfig, { maxTokens: 300, temperature: 0.2, topP: 0.9, stopSequences: ['END'] });
    assert.equal('seed' in b, false);
  });

  it('maps tools and every tool choice', () => {
    const tools = [{ name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }, { name: 'noop', parameters: { type: 'object' } }];
    const spec = [
      { toolSpec: { name: 'get_weather', description: 'Weather', inputSchema: { json: tools[0].parameters } } },
      { toolSpec: { name: 'noop', inputSchema: { json: { type: 'object' } } } },
    ];
    assert.deepEqual(body(request({ tools })).toolConfig, { tools: spec });
    assert.deepEqual(body(request({ tools, toolChoice: { type: 'auto' } })).toolConfig, { tools: spec, toolChoice: { auto: {} } });
    assert.deepEqual(body(request({ tools, toolChoice: { type: 'required' } })).toolConfig, { tools: spec, toolChoice: { any: {} } });
    assert.deepEqual(body(request({ tools, toolChoice: { type: 'tool', name: 'noop' } })).toolConfig, { tools: spec, toolChoice: { tool: { name: 'noop' } } });
    assert.equal(body(request({ tools, toolChoice: { type: 'none' } })).toolConfig, undefined, 'none without tool history drops the tools');
    const withHistory = request({
      tools,
      toolChoice: { type: 'none' },
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'x' }] },
        { role: 'assistant', content: [{ type: 'tool_call', id: 'a', name: 'noop', arguments: '{}' }] },
        { role: 'tool', toolCallId: 'a', content: [{ type: 'text', text: 'ok' }] },
      ],
    });
    assert.deepEqual(body(withHistory).toolConfig, { tools: spec }, 'Converse needs toolConfig when the history has tool blocks');
  });

  it('sends Anthropic thinking and top_k through additionalModelRequestFields', () => {
    const b = body(request({ reasoning: { budgetTokens: 2000 }, topK: 5 }));
    assert.deepEqual(b.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 2000 }, top_k: 5 });
    assert.deepEqual(b.inferenceConfig, { maxTokens: 6096 }, 'room for the answer after the budget when no limit was set');
    const effort = body(request({ reasoning: { effort: 'medium' }, maxOutputTokens: 20000 }));
    assert.deepEqual(effort.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 8192 } });
    assert.deepEqual(effort.inferenceConfig, { maxTokens: 20000 });
    const capped = body(request({ reasoning: { effort: 'high' }, maxOutputTokens: 4096 }));
    assert.deepEqual(capped.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 4095 } }, 'budget stays below max_tokens');
    assert.equal(body(request({ reasoning: { effort: 'high' }, maxOutputTokens: 1000 })).additionalModelRequestFields, undefined, 'no room for the minimum budget');
    const profile = body(request({ model: 'us.anthropic.claude-sonnet-4-20250514-v1:0', reasoning: { effort: 'low' } }));
    assert.deepEqual(profile.additionalModelRequestFields, { thinking: { type: 'enabled', budget_tokens: 2048 } });
  });

  it('sends no model-specific fields to other families', () => {
    const b = body(request({ model: 'amazon.nova-pro-v1:0', reasoning: { effort: 'high' }, topK: 5 }));
    assert.equal(b.additionalModelRequestFields, undefined);
    assert.equal(b.inferenceConfig, undefined);
  });

  it('maps json_schema to outputConfig.textFormat and rejects schemaless JSON mode', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false };
    const b = body(request({ responseFormat: { type: 'json_schema', name: 'answer', schema, description: 'd' } }));
    assert.deepEqual(b.outputConfig, { textFormat: { type: 'json_schema', structure: { jsonSchema: { schema: JSON.stringify(schema), name: 'answer', description: 'd' } } } });
    assert.throws(() => encodeBedrockConverseRequest(request({ responseFormat: { type: 'json_object' } }), P), (e: unknown) => e instanceof HttpError && e.code === 'unsupported_parameter');
    assert.equal(body(request({ responseFormat: { type: 'text' } })).outputConfig, undefined);
  });

  it('is pure: encoding twice gives the same bytes and leaves the request untouched', () => {
    const r = request({ tools: [{ name: 'f', parameters: { type: 'object' } }], reasoning: { effort: 'low' } });
    const copy = structuredClone(r);
    assert.deepEqual(encodeBedrockConverseRequest(r, P), encodeBedrockConverseRequest(r, P));
    assert.deepEqual(r, copy);
  });
});
