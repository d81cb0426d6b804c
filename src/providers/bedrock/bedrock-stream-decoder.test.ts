import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StreamEvent } from '../../canonical/stream-event.ts';
import { encodeEventStreamMessage } from '../../streaming/aws-event-stream/encode-event-stream-message.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { createBedrockStreamDecoder } from './bedrock-stream-decoder.ts';

const ev = (type: string, payload: unknown) =>
  encodeEventStreamMessage({ ':event-type': type, ':content-type': 'application/json', ':message-type': 'event' }, JSON.stringify(payload));
const exception = (type: string, message: string) =>
  encodeEventStreamMessage({ ':exception-type': type, ':content-type': 'application/json', ':message-type': 'exception' }, JSON.stringify({ message }));

const USAGE = { inputTokens: 9, outputTokens: 7, totalTokens: 36, cacheReadInputTokens: 20, cacheWriteInputTokens: 0 };
const FULL = Buffer.concat([
  ev('messageStart', { role: 'assistant', p: 'abc' }),
  ev('contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { text: 'Thinking' } } }),
  ev('contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { text: ' hard' } } }),
  ev('contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { signature: 'c2ln' } } }),
  ev('contentBlockStop', { contentBlockIndex: 0 }),
  ev('contentBlockDelta', { contentBlockIndex: 1, delta: { text: 'Hello' } }),
  ev('contentBlockDelta', { contentBlockIndex: 1, delta: { text: ' world' } }),
  ev('contentBlockStop', { contentBlockIndex: 1 }),
  ev('contentBlockStart', { contentBlockIndex: 2, start: { toolUse: { toolUseId: 'tooluse_a', name: 'get_weather' } } }),
  ev('contentBlockDelta', { contentBlockIndex: 2, delta: { toolUse: { input: '{"city":' } } }),
  ev('contentBlockDelta', { contentBlockIndex: 2, delta: { toolUse: { input: '"Paris"}' } } }),
  ev('contentBlockStop', { contentBlockIndex: 2 }),
  ev('messageStop', { stopReason: 'tool_use' }),
  ev('metadata', { usage: USAGE, metrics: { latencyMs: 40 }, p: 'xyz' }),
]);

const EXPECTED: StreamEvent[] = [
  { type: 'message_start', id: '', model: '' },
  { type: 'reasoning_start', block: 0 },
  { type: 'reasoning_delta', block: 0, text: 'Thinking' },
  { type: 'reasoning_delta', block: 0, text: ' hard' },
  { type: 'reasoning_signature', block: 0, signature: 'c2ln' },
  { type: 'reasoning_end', block: 0 },
  { type: 'text_start', block: 1 },
  { type: 'text_delta', block: 1, text: 'Hello' },
  { type: 'text_delta', block: 1, text: ' world' },
  { type: 'text_end', block: 1 },
  { type: 'tool_call_start', block: 2, id: 'tooluse_a', name: 'get_weather' },
  { type: 'tool_call_delta', block: 2, argumentsDelta: '{"city":' },
  { type: 'tool_call_delta', block: 2, argumentsDelta: '"Paris"}' },
  { type: 'tool_call_end', block: 2 },
  { type: 'usage', usage: { inputUncached: 9, inputCacheRead: 20, inputCacheWrite: 0, outputText: 7, outputReasoning: 0, raw: USAGE } },
  { type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'tool_use' },
];

function decode(bytes: Buffer, chunk = bytes.length): StreamEvent[] {
  const d = createBedrockStreamDecoder();
  const out: StreamEvent[] = [];
  for (let i = 0; i < bytes.length; i += chunk) out.push(...d.push(bytes.subarray(i, i + chunk)));
  out.push(...d.end());
  return out;
}

function protocolError(fn: () => unknown): UpstreamProtocolError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof UpstreamProtocolError, String(err));
    return err;
  }
  assert.fail('expected an UpstreamProtocolError');
}

describe('createBedrockStreamDecoder', () => {
  it('decodes reasoning, text and tool-use blocks in order, then usage and one finish', () => {
    assert.deepEqual(decode(FULL), EXPECTED);
  });

  it('gives the same events whatever the chunk boundaries', () => {
    for (const size of [1, 5, 17, 100]) assert.deepEqual(decode(FULL, size), EXPECTED, `chunk size ${size}`);
  });

  it('finishes after metadata even when metadata comes before messageStop, with the stop sequence', () => {
    const events = decode(Buffer.concat([
      ev('messageStart', { role: 'assistant' }),
      ev('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'x' } }),
      ev('metadata', { usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } }),
      ev('messageStop', { stopReason: 'stop_sequence', additionalModelResponseFields: { stop_sequence: '##' } }),
    ]));
    assert.deepEqual(events.map((e) => e.type), ['message_start', 'text_start', 'text_delta', 'usage', 'text_end', 'finish']);
    assert.deepEqual(events.at(-1), { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop_sequence', stopSequence: '##' });
  });

  it('emits redacted reasoning as a reasoning_signature with redactedData', () => {
    const events = decode(Buffer.concat([
      ev('contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { redactedContent: 'cmVk' } } }),
      ev('contentBlockStop', { contentBlockIndex: 0 }),
      ev('messageStop', { stopReason: 'end_turn' }),
      ev('metadata', { usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } }),
    ]));
    assert.deepEqual(events.slice(0, 4), [
      { type: 'message_start', id: '', model: '' },
      { type: 'reasoning_start', block: 0 },
      { type: 'reasoning_signature', block: 0, redactedData: 'cmVk' },
      { type: 'reasoning_end', block: 0 },
    ]);
  });

  it('throws in-stream exceptions as upstream_error with the exception type', () => {
    const d = createBedrockStreamDecoder();
    d.push(ev('messageStart', { role: 'assistant' }));
    const err = protocolError(() => d.push(exception('throttlingException', 'Too many tokens, please wait before trying again.')));
    assert.equal(err.kind, 'upstream_error');
    assert.equal(err.code, 'throttlingException');
    assert.equal(err.message, 'Too many tokens, please wait before trying again.');
    for (const type of ['modelStreamErrorException', 'internalServerException', 'serviceUnavailableException', 'validationException']) {
      assert.equal(protocolError(() => createBedrockStreamDecoder().push(exception(type, 'x'))).code, type);
    }
    const generic = encodeEventStreamMessage({ ':message-type': 'error', ':error-code': 'InternalFailure', ':error-message': 'boom' }, '');
    const e = protocolError(() => createBedrockStreamDecoder().push(generic));
    assert.deepEqual([e.kind, e.code, e.message], ['upstream_error', 'InternalFailure', 'boom']);
  });

  it('reports a stream that ends before messageStop and metadata as cut', () => {
    const noMetadata = Buffer.concat([ev('messageStart', { role: 'assistant' }), ev('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'x' } }), ev('messageStop', { stopReason: 'end_turn' })]);
    const d = createBedrockStreamDecoder();
    d.push(noMetadata);
    const err = protocolError(() => d.end());
    assert.equal(err.kind, 'cut');
    assert.match(err.message, /before metadata/);
    const mid = createBedrockStreamDecoder();
    mid.push(FULL.subarray(0, 30));
    assert.equal(protocolError(() => mid.end()).kind, 'cut');
  });

  it('rejects a frame with a bad checksum, a delta into the wrong block kind and a non-JSON payload as malformed', () => {
    const bad = ev('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'x' } });
    bad[bad.length - 1] ^= 0xff;
    const crc = protocolError(() => createBedrockStreamDecoder().push(bad));
    assert.equal(crc.kind, 'malformed');
    assert.match(crc.message, /checksum/);
    const mixed = Buffer.concat([ev('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'x' } }), ev('contentBlockDelta', { contentBlockIndex: 0, delta: { reasoningContent: { text: 'y' } } })]);
    assert.equal(protocolError(() => createBedrockStreamDecoder().push(mixed)).kind, 'malformed');
    const orphan = ev('contentBlockDelta', { contentBlockIndex: 3, delta: { toolUse: { input: '{}' } } });
    assert.equal(protocolError(() => createBedrockStreamDecoder().push(orphan)).kind, 'malformed');
    const text = encodeEventStreamMessage({ ':event-type': 'messageStart', ':message-type': 'event' }, 'not json');
    assert.equal(protocolError(() => createBedrockStreamDecoder().push(text)).kind, 'malformed');
  });
});
