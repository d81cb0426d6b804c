import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { StreamEvent } from '../../../src/canonical/stream-event.ts';
import { createBedrockStreamDecoder } from '../../../src/providers/bedrock/bedrock-stream-decoder.ts';
import { UpstreamProtocolError } from '../../../src/providers/provider-adapter.ts';
import { EventStreamDecoder } from '../../../src/streaming/aws-event-stream/event-stream-decoder.ts';
import { EventStreamError } from '../../../src/streaming/aws-event-stream/event-stream-error.ts';
import { stringHeader } from '../../../src/streaming/aws-event-stream/event-stream-types.ts';
import { startEmulator, type Emulator } from '../server.ts';
import { converse, TEST_AWS } from './bedrock-test-client.ts';

const MODEL = 'anthropic.claude-3-5-haiku-20241022-v1:0';
const user = (text: string) => ({ role: 'user', content: [{ text }] });

async function streamBytes(url: string, text: string, extra: Record<string, unknown> = {}): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const res = await converse(url, MODEL, { messages: [user(text)], ...extra }, true);
  const chunks: Buffer[] = [];
  try {
    for await (const c of res.body as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(c));
  } catch {
    // a cut stream ends with a socket error after the bytes it sent
  }
  return { status: res.status, bytes: Buffer.concat(chunks), headers: res.headers };
}

describe('bedrock emulator: ConverseStream', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ provider: 'bedrock', aws: TEST_AWS, quiet: true });
  });
  after(() => emu.close());

  it('sends binary event-stream messages with valid CRCs and the documented headers and order', async () => {
    const { status, bytes, headers } = await streamBytes(emu.url, 'hi [emu tokens=2 reasoning_tokens=1 cached_tokens=4]');
    assert.equal(status, 200);
    assert.equal(headers.get('content-type'), 'application/vnd.amazon.eventstream');
    const messages = new EventStreamDecoder().push(bytes);
    for (const m of messages) {
      assert.equal(stringHeader(m, ':message-type'), 'event');
      assert.equal(stringHeader(m, ':content-type'), 'application/json');
    }
    const events = messages.map((m) => [stringHeader(m, ':event-type'), JSON.parse(m.payload.toString()) as Record<string, unknown>] as const);
    assert.deepEqual(events.map(([t]) => t), [
      'messageStart', 'contentBlockDelta', 'contentBlockDelta', 'contentBlockStop', 'contentBlockDelta', 'contentBlockDelta', 'contentBlockStop', 'messageStop', 'metadata',
    ]);
    const strip = (payload: Record<string, unknown>): Record<string, unknown> => {
      const { p: padding, ...rest } = payload;
      assert.equal(typeof padding, 'string');
      return rest;
    };
    assert.deepEqual(strip(events[0][1]), { role: 'assistant' });
    assert.deepEqual(strip(events[1][1]), { contentBlockIndex: 0, delta: { reasoningContent: { text: 'Switchyard' } } });
    assert.deepEqual(Object.keys((strip(events[2][1]).delta as { reasoningContent: object }).reasoningContent), ['signature']);
    assert.deepEqual(strip(events[4][1]), { contentBlockIndex: 1, delta: { text: 'Switchyard' } });
    assert.deepEqual(strip(events[5][1]), { contentBlockIndex: 1, delta: { text: ' emulated' } });
    assert.deepEqual(strip(events[7][1]), { stopReason: 'end_turn' });
    assert.deepEqual(strip(events[8][1]), { usage: { inputTokens: 5, outputTokens: 3, totalTokens: 12, cacheReadInputTokens: 4, cacheWriteInputTokens: 0 }, metrics: { latencyMs: 103 } });
    assert.equal(emu.log.last()?.chunksSent, 9);
  });

  it('streams tool calls as contentBlockStart + toolUse.input fragments that decode to the arguments', async () => {
    const tool = { toolSpec: { name: 'get_weather', inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } } } };
    const { bytes } = await streamBytes(emu.url, 'w [emu tool_call=get_weather tokens=3]', { toolConfig: { tools: [tool] } });
    const d = createBedrockStreamDecoder();
    const events = [...d.push(bytes), ...d.end()];
    const start = events.find((e) => e.type === 'tool_call_start');
    assert.deepEqual(start && { name: start.name }, { name: 'get_weather' });
    const args = events.filter((e): e is Extract<StreamEvent, { type: 'tool_call_delta' }> => e.type === 'tool_call_delta').map((e) => e.argumentsDelta);
    assert.equal(args.length, 3);
    assert.deepEqual(JSON.parse(args.join('')), { city: 'Switchyard' });
    assert.deepEqual(events.at(-1), { type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'tool_use' });
  });

  it('cut_after=N destroys the socket after N content frames (no messageStop, no metadata)', async () => {
    const { bytes } = await streamBytes(emu.url, 'x [emu cut_after=2]');
    const d = createBedrockStreamDecoder();
    const events = d.push(bytes);
    assert.equal(events.filter((e) => e.type === 'text_delta').length, 2);
    assert.throws(() => d.end(), (e: unknown) => e instanceof UpstreamProtocolError && e.kind === 'cut');
    assert.equal((await emu.log.waitFor((e) => e.outcome === 'cut')).outcome, 'cut');
  });

  it('error_after=N sends N content frames, then an exception message carrying error_message, then ends', async () => {
    const { bytes } = await streamBytes(emu.url, 'x [emu error_after=1 error_message=stream_broke]');
    const d = createBedrockStreamDecoder();
    assert.throws(() => d.push(bytes), (e: unknown) => e instanceof UpstreamProtocolError && e.kind === 'upstream_error' && e.message.includes('stream broke') && e.code === 'modelStreamErrorException');
  });

  it('hang_after=N goes silent after N content frames', async () => {
    const res = await converse(emu.url, MODEL, { messages: [user('x [emu hang_after=1]')] }, true);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    assert.ok(first.value && first.value.length > 0);
    await emu.log.waitFor((e) => e.outcome === 'hung');
    await reader.cancel();
  });

  it('malformed_sse=1 sends a frame with a bad message CRC after the first content frame', async () => {
    const { bytes } = await streamBytes(emu.url, 'x [emu malformed_sse=1 tokens=3]');
    const frames = new EventStreamDecoder();
    assert.throws(() => frames.push(bytes), (e: unknown) => e instanceof EventStreamError && e.code === 'bad_message_crc');
    assert.throws(() => createBedrockStreamDecoder().push(bytes), (e: unknown) => e instanceof UpstreamProtocolError && e.kind === 'malformed');
  });

  it('answers injected statuses before streaming with the AWS error shape', async () => {
    const res = await converse(emu.url, MODEL, { messages: [user('x [emu status=429]')] }, true);
    assert.equal(res.status, 429);
    assert.match(res.headers.get('x-amzn-errortype') ?? '', /^ThrottlingException:/);
    assert.equal(res.headers.get('content-type'), 'application/json');
  });
});
