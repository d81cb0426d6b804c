import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CanonicalMessage } from '../../canonical/request.ts';
import { SKIP_THOUGHT_SIGNATURE_VALIDATOR, convertToGeminiContents } from './convert-to-gemini-contents.ts';

const plain = { requiresFunctionCallSignatures: false };

describe('convertToGeminiContents', () => {
  it('maps roles, text and images (base64, data URL, http URL)', () => {
    const messages: CanonicalMessage[] = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'look' },
          { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'AAA=' } },
          { type: 'image', source: { kind: 'url', url: 'data:image/webp;base64,UklG' } },
          { type: 'image', source: { kind: 'url', url: 'https://x.test/cat.PNG?s=1' } },
          { type: 'image', source: { kind: 'url', url: 'gs://bucket/photo' } },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'a cat' }] },
    ];
    assert.deepEqual(convertToGeminiContents(messages, plain), [
      {
        role: 'user',
        parts: [
          { text: 'look' },
          { inlineData: { mimeType: 'image/png', data: 'AAA=' } },
          { inlineData: { mimeType: 'image/webp', data: 'UklG' } },
          { fileData: { mimeType: 'image/png', fileUri: 'https://x.test/cat.PNG?s=1' } },
          { fileData: { mimeType: 'image/jpeg', fileUri: 'gs://bucket/photo' } },
        ],
      },
      { role: 'model', parts: [{ text: 'a cat' }] },
    ]);
  });

  it('groups consecutive tool results into one user turn, naming them by toolName or the earlier call', () => {
    const messages: CanonicalMessage[] = [
      { role: 'user', content: [{ type: 'text', text: 'weather?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool_call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { type: 'tool_call', id: 'call_2', name: 'get_time', arguments: '' },
        ],
      },
      { role: 'tool', toolCallId: 'call_1', content: [{ type: 'text', text: 'sunny' }, { type: 'text', text: '21C' }] },
      { role: 'tool', toolCallId: 'call_2', toolName: 'clock', content: [{ type: 'text', text: 'boom' }], isError: true },
      { role: 'tool', toolCallId: '9-unknown id', content: [{ type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'QQ==' } }] },
      { role: 'user', content: [{ type: 'text', text: 'thanks' }] },
    ];
    assert.deepEqual(convertToGeminiContents(messages, plain), [
      { role: 'user', parts: [{ text: 'weather?' }] },
      {
        role: 'model',
        parts: [
          { functionCall: { name: 'get_weather', args: { city: 'Paris' } } },
          { functionCall: { name: 'get_time', args: {} } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'get_weather', response: { output: 'sunny\n21C' } } },
          { functionResponse: { name: 'clock', response: { error: 'boom' } } },
          { functionResponse: { name: '_9-unknown_id', response: { output: '' } } },
          { inlineData: { mimeType: 'image/png', data: 'QQ==' } },
        ],
      },
      { role: 'user', parts: [{ text: 'thanks' }] },
    ]);
  });

  it('round-trips thought parts and signatures onto the part that follows them', () => {
    const messages: CanonicalMessage[] = [
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'thinking hard', signature: 'sig-thought' },
          { type: 'reasoning', text: '', signature: 'sig-call' },
          { type: 'tool_call', id: 'c1', name: 'f', arguments: '{"a":1}' },
          { type: 'tool_call', id: 'c2', name: 'g', arguments: 'not json' },
          { type: 'text', text: 'done' },
          { type: 'reasoning', text: '', signature: 'sig-tail' },
          { type: 'reasoning', text: '', redactedData: 'anthropic-only' },
        ],
      },
    ];
    assert.deepEqual(convertToGeminiContents(messages, plain), [
      {
        role: 'model',
        parts: [
          { text: 'thinking hard', thought: true, thoughtSignature: 'sig-thought' },
          { functionCall: { name: 'f', args: { a: 1 } }, thoughtSignature: 'sig-call' },
          { functionCall: { name: 'g', args: {} } },
          { text: 'done' },
          { text: '', thoughtSignature: 'sig-tail' },
        ],
      },
    ]);
  });

  it('adds the documented sentinel to unsigned function calls for models that require signatures', () => {
    const unsigned: CanonicalMessage[] = [
      { role: 'assistant', content: [{ type: 'tool_call', id: 'a', name: 'f', arguments: '{}' }, { type: 'tool_call', id: 'b', name: 'g', arguments: '{}' }] },
    ];
    const signed: CanonicalMessage[] = [
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: '', signature: 'real' },
          { type: 'tool_call', id: 'a', name: 'f', arguments: '{}' },
          { type: 'tool_call', id: 'b', name: 'g', arguments: '{}' },
        ],
      },
    ];
    const strict = { requiresFunctionCallSignatures: true };
    assert.deepEqual(convertToGeminiContents(unsigned, strict)[0].parts.map((p) => p.thoughtSignature), [SKIP_THOUGHT_SIGNATURE_VALIDATOR, SKIP_THOUGHT_SIGNATURE_VALIDATOR]);
    assert.deepEqual(convertToGeminiContents(signed, strict)[0].parts.map((p) => p.thoughtSignature), ['real', undefined]);
    assert.deepEqual(convertToGeminiContents(unsigned, plain)[0].parts.map((p) => p.thoughtSignature), [undefined, undefined]);
  });

  it('keeps an empty user turn valid and drops an empty model turn', () => {
    const messages: CanonicalMessage[] = [
      { role: 'user', content: [] },
      { role: 'assistant', content: [{ type: 'text', text: '' }] },
    ];
    assert.deepEqual(convertToGeminiContents(messages, plain), [{ role: 'user', parts: [{ text: '' }] }]);
  });
});
