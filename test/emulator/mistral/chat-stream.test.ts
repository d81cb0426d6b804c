import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { UpstreamProtocolError } from '../../../src/providers/provider-adapter.ts';
import { startEmulator, type Emulator } from '../server.ts';
import { postJson, sseData } from '../test-clients.ts';
import { MISTRAL_KEY, decodeStream, sendThroughAdapter, userRequest } from './adapter-client.ts';

const auth = { authorization: `Bearer ${MISTRAL_KEY}` };
const tool = { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } };
const isKind = (kind: string) => (e: unknown) => e instanceof UpstreamProtocolError && e.kind === kind;

describe('Mistral emulator: streaming', () => {
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ provider: 'mistral', apiKey: MISTRAL_KEY });
  });
  after(() => emulator.close());

  it('sends data-only chunks: role, one per token, finish with usage, then [DONE]', async () => {
    const res = await postJson(emulator, '/v1/chat/completions', { model: 'mistral-small-latest', stream: true, messages: [{ role: 'user', content: 'hi [emu tokens=2]' }] }, auth);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    const text = await res.text();
    assert.doesNotMatch(text, /^event:/m);
    const data = sseData(text);
    assert.equal(data.at(-1), '[DONE]');
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d) as { object: string; choices: Array<{ delta: unknown; finish_reason: string | null }>; usage?: unknown });
    assert.deepEqual(chunks.map((c) => [c.choices[0].delta, c.choices[0].finish_reason]), [
      [{ role: 'assistant', content: '' }, null], [{ content: 'Switchyard' }, null], [{ content: ' emulated' }, null], [{ content: '' }, 'stop'],
    ]);
    assert.ok(chunks.every((c) => c.object === 'chat.completion.chunk'));
    assert.deepEqual(chunks.at(-1)?.usage, { prompt_tokens: 5, total_tokens: 7, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 0 } });
    assert.equal(emulator.log.last()?.chunksSent, 5);
  });

  it('decodes reasoning, text, usage and finish through the adapter decoder', async () => {
    const { events, error } = await decodeStream(await sendThroughAdapter(emulator, userRequest('hi [emu tokens=2 reasoning_tokens=2 cached_tokens=1]', { stream: true })));
    assert.equal(error, undefined);
    assert.deepEqual(events.slice(1), [
      { type: 'reasoning_start', block: 0 },
      { type: 'reasoning_delta', block: 0, text: 'Switchyard' },
      { type: 'reasoning_delta', block: 0, text: ' emulated' },
      { type: 'reasoning_end', block: 0 },
      { type: 'text_start', block: 1 },
      { type: 'text_delta', block: 1, text: 'Switchyard' },
      { type: 'text_delta', block: 1, text: ' emulated' },
      { type: 'text_end', block: 1 },
      { type: 'usage', usage: { inputUncached: 5, inputCacheRead: 1, inputCacheWrite: 0, outputText: 4, outputReasoning: 0,
        raw: { prompt_tokens: 6, total_tokens: 10, completion_tokens: 4, prompt_tokens_details: { cached_tokens: 1 } } } },
      { type: 'finish', finishReason: 'stop', rawFinishReason: 'stop' },
    ]);
  });

  it('streams tool-call argument fragments that reassemble, for a named tool_choice', async () => {
    const { events } = await decodeStream(await sendThroughAdapter(emulator, userRequest('find [emu tokens=3]', { stream: true, tools: [tool], toolChoice: { type: 'tool', name: 'lookup' } })));
    const start = events.find((e) => e.type === 'tool_call_start');
    assert.ok(start?.type === 'tool_call_start' && /^[a-zA-Z0-9]{9}$/.test(start.id) && start.name === 'lookup');
    const args = events.filter((e) => e.type === 'tool_call_delta').map((e) => (e.type === 'tool_call_delta' ? e.argumentsDelta : ''));
    assert.equal(args.length, 3);
    assert.equal(args.join(''), '{"q":"Switchyard"}');
    assert.deepEqual(events.at(-1), { type: 'finish', finishReason: 'tool_calls', rawFinishReason: 'tool_calls' });
  });

  it('maps forced finish reasons (content_filter has no Mistral equivalent: error)', async () => {
    for (const [forced, raw, canonical] of [['length', 'length', 'length'], ['content_filter', 'error', 'error']]) {
      const { events } = await decodeStream(await sendThroughAdapter(emulator, userRequest(`x [emu finish_reason=${forced}]`, { stream: true })));
      assert.deepEqual(events.at(-1), { type: 'finish', finishReason: canonical, rawFinishReason: raw });
    }
  });

  it('cut_after ends the body without [DONE]: no finish, a cut (or the transport reset) after the tokens sent', async () => {
    const { events, error } = await decodeStream(await sendThroughAdapter(emulator, userRequest('x [emu cut_after=2 reasoning_tokens=3]', { stream: true })));
    assert.ok(isKind('cut')(error) || error instanceof TypeError, String(error));
    assert.equal(events.filter((e) => e.type === 'reasoning_delta').length, 3);
    assert.equal(events.filter((e) => e.type === 'text_delta').length, 2);
    assert.equal(events.some((e) => e.type === 'finish'), false);
    assert.equal((await emulator.log.waitFor((e) => e.outcome === 'cut', 2000)).outcome, 'cut');
  });

  it('malformed_sse makes the decoder fail as malformed after the first token', async () => {
    const { events, error } = await decodeStream(await sendThroughAdapter(emulator, userRequest('x [emu malformed_sse=1]', { stream: true })));
    assert.ok(isKind('malformed')(error));
    assert.equal(events.filter((e) => e.type === 'text_delta').length, 1);
  });

  it('hang_after goes silent after N tokens and the request is aborted when the client leaves', async () => {
    const controller = new AbortController();
    const p = mistralProviderFetch(emulator, controller.signal);
    const entry = await emulator.log.waitFor((e) => e.outcome === 'hung', 2000);
    assert.equal(entry.chunksSent, 2);
    controller.abort();
    await p;
    assert.equal((await emulator.log.waitFor((e) => e.id === entry.id && e.outcome === 'aborted', 2000)).outcome, 'aborted');
  });
});

async function mistralProviderFetch(emulator: Emulator, signal: AbortSignal): Promise<void> {
  try {
    const res = await fetch(`${emulator.url}/v1/chat/completions`, {
      method: 'POST', signal,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${MISTRAL_KEY}` },
      body: JSON.stringify({ model: 'm', stream: true, messages: [{ role: 'user', content: 'x [emu hang_after=1]' }] }),
    });
    await res.text();
  } catch {
    return;
  }
}
