import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { UpstreamProtocolError } from '../../../src/providers/provider-adapter.ts';
import { SseParser, type SseEvent } from '../../../src/streaming/sse-parser.ts';
import { startEmulator, type Emulator } from '../server.ts';
import { postJson } from '../test-clients.ts';
import { COHERE_KEY, decodeStream, sendThroughAdapter, userRequest } from './adapter-client.ts';

const isKind = (kind: string) => (e: unknown) => e instanceof UpstreamProtocolError && e.kind === kind;
const tool = { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } };

describe('Cohere emulator: streaming', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ provider: 'cohere', apiKey: COHERE_KEY });
  });
  after(() => emulator.close());

  it('sends named events whose data repeats the type, ending with message-end and [DONE]', async () => {
    const res = await postJson(emulator, '/v2/chat', { model: 'c', stream: true, messages: [{ role: 'user', content: 'hi [emu tokens=2]' }] }, { authorization: `Bearer ${COHERE_KEY}` });
    const events: SseEvent[] = [];
    const parser = new SseParser((e) => events.push(e));
    parser.push(await res.text());
    assert.deepEqual(events.map((e) => e.event ?? '-'), ['message-start', 'content-start', 'content-delta', 'content-delta', 'content-end', 'message-end', '-']);
    assert.equal(events.at(-1)?.data, '[DONE]');
    for (const e of events.slice(0, -1)) assert.equal(JSON.parse(e.data).type, e.event);
    assert.deepEqual(JSON.parse(events[5].data).delta, {
      finish_reason: 'COMPLETE',
      usage: { billed_units: { input_tokens: 5, output_tokens: 2 }, tokens: { input_tokens: 5, output_tokens: 2 }, cached_tokens: 0 },
    });
  });

  it('decodes thinking, text, usage and finish through the adapter decoder', async () => {
    const { events, error } = await decodeStream(await sendThroughAdapter(emulator, userRequest('hi [emu tokens=2 reasoning_tokens=1 cached_tokens=2]', { stream: true })));
    assert.equal(error, undefined);
    assert.ok(events[0].type === 'message_start' && /^00000000-0000-4000-8000-[0-9a-f]{12}$/.test(events[0].id) && events[0].model === '');
    assert.deepEqual(events.slice(1).map((e) => (e.type === 'usage' ? { type: 'usage', in: e.usage.inputUncached, out: e.usage.outputText } : e)), [
      { type: 'reasoning_start', block: 0 },
      { type: 'reasoning_delta', block: 0, text: 'Switchyard' },
      { type: 'reasoning_end', block: 0 },
      { type: 'text_start', block: 1 },
      { type: 'text_delta', block: 1, text: 'Switchyard' },
      { type: 'text_delta', block: 1, text: ' emulated' },
      { type: 'text_end', block: 1 },
      { type: 'usage', in: 7, out: 3 },
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'COMPLETE' },
    ]);
  });

  it('streams tool calls as start / argument fragments / end, with TOOL_CALL', async () => {
    const { events } = await decodeStream(await sendThroughAdapter(emulator, userRequest('find [emu tool_call=lookup tokens=3]', { stream: true, tools: [tool] })));
    const start = events.find((e) => e.type === 'tool_call_start');
    assert.ok(start?.type === 'tool_call_start' && start.name === 'lookup' && start.id.startsWith('lookup_'));
    const args = events.flatMap((e) => (e.type === 'tool_call_delta' ? [e.argumentsDelta] : []));
    assert.deepEqual([args.length, args.join('')], [3, '{"q":"Switchyard"}']);
    assert.deepEqual(events.at(-1), { type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'TOOL_CALL' });
  });

  it('maps forced finish reasons (content_filter has no v2 equivalent: ERROR)', async () => {
    for (const [forced, raw, canonical] of [['length', 'MAX_TOKENS', 'length'], ['content_filter', 'ERROR', 'error'], ['tool_calls', 'TOOL_CALL', 'tool_calls']]) {
      const { events } = await decodeStream(await sendThroughAdapter(emulator, userRequest(`x [emu finish_reason=${forced}]`, { stream: true })));
      assert.deepEqual(events.at(-1), { type: 'finish', finishReason: canonical, rawFinishReason: raw });
    }
  });

  it('cut_after: no message-end, so no finish and a cut (or transport reset)', async () => {
    const { events, error } = await decodeStream(await sendThroughAdapter(emulator, userRequest('x [emu cut_after=3 reasoning_tokens=2]', { stream: true })));
    assert.ok(isKind('cut')(error) || error instanceof TypeError, String(error));
    assert.equal(events.filter((e) => e.type === 'reasoning_delta').length, 2);
    assert.equal(events.filter((e) => e.type === 'text_delta').length, 3);
    assert.equal(events.some((e) => e.type === 'finish'), false);
  });

  it('malformed_sse fails the decoder as malformed after the first token', async () => {
    const { events, error } = await decodeStream(await sendThroughAdapter(emulator, userRequest('x [emu malformed_sse=1]', { stream: true })));
    assert.ok(isKind('malformed')(error));
    assert.equal(events.filter((e) => e.type === 'text_delta').length, 1);
  });

  it('hang_after goes silent after N content events until the client leaves', async () => {
    const controller = new AbortController();
    const pending = fetch(`${emulator.url}/v2/chat`, {
      method: 'POST', signal: controller.signal, headers: { authorization: `Bearer ${COHERE_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'c', stream: true, messages: [{ role: 'user', content: 'x [emu hang_after=2]' }] }),
    }).then((r) => r.text()).catch(() => '');
    const hung = await emulator.log.waitFor((e) => e.outcome === 'hung', 2000);
    assert.equal(hung.chunksSent, 4);
    controller.abort();
    await pending;
    assert.equal((await emulator.log.waitFor((e) => e.id === hung.id && e.outcome === 'aborted', 2000)).outcome, 'aborted');
  });
});
