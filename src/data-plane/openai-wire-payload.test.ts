import assert from 'node:assert/strict';
import test from 'node:test';
import { openAIWirePayload, type ClientBody } from './openai-wire-payload.ts';

const body = (text: string, rewritten = false): ClientBody => ({ value: JSON.parse(text) as Record<string, unknown>, raw: Buffer.from(text), text, rewritten });
const sent = (p: Buffer | string) => (typeof p === 'string' ? { rebuilt: true, value: JSON.parse(p) as Record<string, unknown> } : { rebuilt: false, value: JSON.parse(p.toString()) as Record<string, unknown> });

test('an unchanged request is forwarded as the client\'s own bytes', () => {
  const chat = body('{"model":"gpt-4o-mini",  "messages":[{"role":"user","content":"hi"}],"x_vendor":1}');
  assert.equal(openAIWirePayload(chat, 'gpt-4o-mini', false), chat.raw, 'the same buffer, formatting and unknown fields kept');
  const stream = body('{"model":"m","stream":true,"stream_options":{"include_usage":true},"messages":[]}');
  assert.equal(openAIWirePayload(stream, 'm', true), stream.raw);
});

test('a different target model, removed routing fields or a stream without usage are re-serialized with the changes', () => {
  const chat = body('{"model":"fast","messages":[]}');
  assert.deepEqual(sent(openAIWirePayload(chat, 'gpt-4o-mini', false)), { rebuilt: true, value: { model: 'gpt-4o-mini', messages: [] } });
  const routed = body('{"model":"m","messages":[]}', true);
  assert.equal(sent(openAIWirePayload(routed, 'm', false)).rebuilt, true);
  const noUsage = body('{"model":"m","stream":true,"messages":[]}');
  assert.deepEqual(sent(openAIWirePayload(noUsage, 'm', true)), { rebuilt: true, value: { model: 'm', stream: true, messages: [], stream_options: { include_usage: true } } });
  const usageOff = body('{"model":"m","stream":true,"stream_options":{"include_usage":false},"messages":[]}');
  assert.equal((sent(openAIWirePayload(usageOff, 'm', true)).value.stream_options as { include_usage: boolean }).include_usage, true);
});

test('a key given twice is never forwarded as bytes: the upstream gets exactly what was checked', () => {
  // JSON.parse keeps the last value; a parser that keeps the first would otherwise see "gpt-4o".
  const dup = body('{"model":"gpt-4o","messages":[],"model":"gpt-4o-mini"}');
  assert.deepEqual(sent(openAIWirePayload(dup, 'gpt-4o-mini', false)), { rebuilt: true, value: { model: 'gpt-4o-mini', messages: [] } });
  const escaped = body('{"model":"gpt-4o","messages":[],"mod\\u0065l":"gpt-4o-mini"}');
  assert.equal(escaped.value.model, 'gpt-4o-mini');
  assert.equal(sent(openAIWirePayload(escaped, 'gpt-4o-mini', false)).rebuilt, true, 'a \\u escape could spell the key another way');
  const dupStream = body('{"model":"m","stream":false,"stream":true,"stream_options":{"include_usage":true},"messages":[]}');
  assert.equal(sent(openAIWirePayload(dupStream, 'm', true)).rebuilt, true);
  const dupInNonStream = body('{"model":"m","stream":true,"stream":false,"messages":[]}');
  assert.equal(sent(openAIWirePayload(dupInNonStream, 'm', false)).rebuilt, true);
});

test('"model" elsewhere (a tool parameter, a string value) only makes it re-serialize', () => {
  const tool = body('{"model":"m","messages":[],"tools":[{"type":"function","function":{"name":"f","parameters":{"properties":{"model":{"type":"string"}}}}}]}');
  assert.equal(sent(openAIWirePayload(tool, 'm', false)).rebuilt, true);
  const inText = body('{"model":"m","messages":[{"role":"user","content":"say \\"model\\" twice"}]}');
  assert.equal(openAIWirePayload(inText, 'm', false), inText.raw, 'quotes inside a string are escaped, so they do not count');
});
