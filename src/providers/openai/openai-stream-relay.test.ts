import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { EventEmitter } from 'node:events';
import test from 'node:test';
import { UpstreamBody } from '../../upstream/upstream-body.ts';
import { relayOpenAIStream, type RelayOptions } from './openai-stream-relay.ts';

const chunk = (fields: Record<string, unknown>) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', ...fields })}\n\n`;
const content = (text: string) => chunk({ choices: [{ index: 0, delta: { content: text }, finish_reason: null }], usage: null });
const usage = { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19, prompt_tokens_details: { cached_tokens: 2 }, completion_tokens_details: { reasoning_tokens: 3 } };
const usageChunk = chunk({ choices: [], usage });
const DONE = 'data: [DONE]\n\n';

const nextTurn = () => new Promise((r) => setImmediate(r));

/** An upstream body driven by the test, counting the HTTP client calls it makes. */
function testBody() {
  const calls = { resume: 0, abort: 0 };
  const body = new UpstreamBody({ resume: () => calls.resume++, abort: () => calls.abort++ });
  return { body, calls };
}

/** Pushes each part as one upstream read (each in its own turn of the event loop), then ends the body. */
async function feed(body: UpstreamBody, parts: string[]) {
  for (const p of parts) {
    await nextTurn();
    body.push(Buffer.from(p, 'utf8'));
  }
  body.finish();
}

/** Runs the relay over `parts` (each one upstream read) and returns what the client received. */
async function relay(parts: string[], opts: Partial<RelayOptions> = {}) {
  let written = '';
  const res = { destroyed: false, writableEnded: false, write: (b: Buffer) => ((written += b.toString('utf8')), true) } as unknown as ServerResponse;
  const { body } = testBody();
  const relayed = relayOpenAIStream(body, res, { clientWantsUsage: true, commit: () => true, ...opts });
  await feed(body, parts);
  return { r: await relayed, written };
}

test('a clean stream is forwarded byte for byte, with model, usage and content chunks counted', async () => {
  const parts = [chunk({ choices: [{ index: 0, delta: { role: 'assistant', content: '' } }], usage: null }), content('Hel'), content('lo'), usageChunk, DONE];
  const { r, written } = await relay(parts);
  assert.equal(r.outcome, 'done');
  assert.equal(written, parts.join(''));
  assert.equal(r.upstreamModel, 'gpt-4o-mini');
  assert.equal(r.deltaChunks, 2, 'the empty role chunk carries no token');
  assert.deepEqual({ ...r.usage, raw: undefined }, { inputUncached: 10, inputCacheRead: 2, inputCacheWrite: 0, outputText: 4, outputReasoning: 3, raw: undefined });
});

test('events split across reads and CRLF line ends relay the same', async () => {
  const whole = (content('a') + usageChunk + DONE).replace(/\n/g, '\r\n');
  const parts = [whole.slice(0, 17), whole.slice(17, 200), whole.slice(200)];
  const { r, written } = await relay(parts);
  assert.equal(r.outcome, 'done');
  assert.equal(written, whole);
  assert.equal(r.usage?.outputText, 4);
});

test('the usage-only chunk is dropped when the client did not ask for usage, but still metered', async () => {
  const { r, written } = await relay([content('a'), usageChunk, DONE], { clientWantsUsage: false });
  assert.equal(written, content('a') + DONE);
  assert.equal(r.usage?.inputUncached, 10);
});

test('usage on every content chunk (vLLM continuous usage) is forwarded and the last one wins', async () => {
  const withUsage = (text: string, completion: number) => chunk({ choices: [{ index: 0, delta: { content: text } }], usage: { prompt_tokens: 5, completion_tokens: completion } });
  const parts = [withUsage('a', 1), withUsage('b', 2), DONE];
  const { r, written } = await relay(parts, { clientWantsUsage: false });
  assert.equal(written, parts.join(''), 'a chunk with choices is never dropped');
  assert.equal(r.deltaChunks, 2);
  assert.equal(r.usage?.outputText, 2);
});

test('usage that is not the last key is still read (the whole chunk is parsed)', async () => {
  const line = `data: {"id":"x","model":"m","usage":{"prompt_tokens":4,"completion_tokens":1},"choices":[]}\n\n`;
  const { r } = await relay([line, DONE]);
  assert.equal(r.usage?.inputUncached, 4);
  assert.equal(r.usage?.outputText, 1);
});

test('a model name with escapes or non-ASCII characters is decoded as JSON', async () => {
  const { r } = await relay([chunk({ model: 'modèle "β"', choices: [], usage: null }), DONE]);
  assert.equal(r.upstreamModel, 'modèle "β"');
});

test('text that merely mentions "usage" or "error" is relayed as content', async () => {
  const parts = [content('"usage":{"prompt_tokens":99} and "error"'), DONE];
  const { r, written } = await relay(parts);
  assert.equal(r.outcome, 'done');
  assert.equal(written, parts.join(''));
  assert.equal(r.usage, undefined);
  assert.equal(r.deltaChunks, 1);
});

test('an in-band error stops the relay before the error event is forwarded', async () => {
  const err = `data: ${JSON.stringify({ error: { message: 'overloaded', type: 'server_error' } })}\n\n`;
  const { r, written } = await relay([content('a'), err, DONE]);
  assert.equal(r.outcome, 'upstream_error');
  assert.deepEqual(r.upstreamError, { message: 'overloaded', type: 'server_error' });
  assert.equal(written, content('a'));
});

test('data that is not a JSON object ends the relay as malformed', async () => {
  for (const bad of ['data: {"id":\n\n', 'data: hello\n\n', 'data: {"unterminated": "x\n\n']) {
    const { r } = await relay([content('a'), bad, DONE]);
    assert.equal(r.outcome, 'malformed', bad);
  }
});

test('a stream that stops before [DONE] is cut, never a clean finish', async () => {
  const { r } = await relay([content('a'), content('b')]);
  assert.equal(r.outcome, 'cut');
  const partial = await relay([content('a'), 'data: {"id":"x"']);
  assert.equal(partial.r.outcome, 'cut');
  assert.match(partial.r.detail ?? '', /middle of an event/);
});

test('a multi-line data event is joined per the SSE rules before it is read', async () => {
  const { r } = await relay(['data: {"model":"m","choices":[],\ndata: "usage":{"prompt_tokens":3}}\n\n', DONE]);
  assert.equal(r.outcome, 'done');
  assert.equal(r.usage?.inputUncached, 3);
});

test('nothing is written when another attempt claimed the response first', async () => {
  const { r, written } = await relay([content('a'), DONE], { commit: () => false });
  assert.equal(r.outcome, 'lost');
  assert.equal(written, '');
});

test('content text counts as a token chunk wherever the key sits; an empty content or a reasoning key alone is told apart', async () => {
  const reasoningThenText = chunk({ choices: [{ index: 0, delta: { reasoning_content: 'think', content: 'x' } }], usage: null });
  const reasoningOnly = chunk({ choices: [{ index: 0, delta: { reasoning_content: 'think', content: '' } }], usage: null });
  const emptyThenText = chunk({ choices: [{ index: 0, delta: { content: '' } }, { index: 1, delta: { content: 'y' } }], usage: null });
  const empty = chunk({ choices: [{ index: 0, delta: { content: '' } }], usage: null });
  const textAboutTerror = content('a word like terror"'); // `rror"` inside text: parsed, still content
  const { r, written } = await relay([reasoningThenText + reasoningOnly, emptyThenText + empty, textAboutTerror, DONE]);
  assert.equal(r.outcome, 'done');
  assert.equal(written, reasoningThenText + reasoningOnly + emptyThenText + empty + textAboutTerror + DONE);
  assert.equal(r.deltaChunks, 4, 'all but the chunk with only an empty content');
});

test('onDone runs once, right after [DONE] is written; a response ended there is not a client that left', async () => {
  let written = '';
  const res = { destroyed: false, writableEnded: false, write: (b: Buffer) => ((written += b.toString('utf8')), true) } as unknown as ServerResponse & { destroyed: boolean };
  const seenAtDone: string[] = [];
  const { body } = testBody();
  const relayed = relayOpenAIStream(body, res, {
    clientWantsUsage: true,
    commit: () => true,
    onDone: (at) => {
      seenAtDone.push(written);
      assert.equal(at.outcome, 'done');
      assert.equal(at.usage?.outputText, 4, 'usage is known when onDone runs');
      res.destroyed = true; // as after res.end(): Node marks the response destroyed once it is finished
    },
  });
  await feed(body, [content('a') + usageChunk, DONE, content('late')]);
  const r = await relayed;
  assert.deepEqual(seenAtDone, [content('a') + usageChunk + DONE]);
  assert.equal(r.outcome, 'done');
  assert.equal(written, content('a') + usageChunk + DONE, 'nothing after [DONE] is forwarded');
});

/** A response that reports backpressure on every write while `behind`, like a slow client's socket. */
function slowClient() {
  const res = Object.assign(new EventEmitter(), { destroyed: false, writableEnded: false, written: '', behind: true });
  (res as unknown as { write: (b: Buffer) => boolean }).write = (b: Buffer) => {
    res.written += b.toString('utf8');
    return !res.behind;
  };
  return res;
}

test('backpressure pauses the upstream until the client drains; a client gone while waiting ends the relay', async () => {
  const { body, calls } = testBody();
  const res = slowClient();
  const relayed = relayOpenAIStream(body, res as unknown as ServerResponse, { clientWantsUsage: true, commit: () => true });
  assert.equal(body.push(Buffer.from(content('a'))), true);
  await nextTurn();
  assert.equal(body.push(Buffer.from(content('b'))), false, 'the client is behind: the upstream connection is paused');
  await nextTurn();
  assert.equal(res.written, content('a'), 'nothing more is relayed while the client cannot take it');
  res.behind = false;
  res.emit('drain');
  await nextTurn();
  assert.equal(res.written, content('a') + content('b'), 'the client drained: what waited is relayed');
  assert.equal(calls.resume, 1, 'and the upstream connection resumed');
  res.behind = true;
  body.push(Buffer.from(content('c')));
  await nextTurn();
  res.destroyed = true;
  res.emit('close');
  const r = await relayed;
  assert.equal(r.outcome, 'client_gone');
  assert.equal(res.written, content('a') + content('b') + content('c'));
  assert.equal(res.listenerCount('drain') + res.listenerCount('close'), 0, 'no listener left on the response');
});

test('an upstream transport error is never a clean finish; what came before it is still relayed', async () => {
  const { body } = testBody();
  const res = slowClient();
  const relayed = relayOpenAIStream(body, res as unknown as ServerResponse, { clientWantsUsage: true, commit: () => true });
  body.push(Buffer.from(content('a')));
  body.fail(new Error('socket hang up'));
  const r = await relayed;
  assert.equal(r.outcome, 'transport_error');
  assert.match(String(r.transportError), /socket hang up/);
  assert.equal(r.deltaChunks, 1);
  assert.equal(res.written, content('a'));
});

test('after [DONE] the rest of the body is read but not relayed, and a late upstream error changes nothing', async () => {
  const { body } = testBody();
  const res = slowClient();
  const relayed = relayOpenAIStream(body, res as unknown as ServerResponse, { clientWantsUsage: true, commit: () => true });
  body.push(Buffer.from(content('a') + DONE));
  await nextTurn();
  body.push(Buffer.from(content('after')));
  body.fail(new Error('reset after the end'));
  const r = await relayed;
  assert.equal(r.outcome, 'done');
  assert.equal(res.written, content('a') + DONE);
});

test('events the upstream delivered together reach the client in one write', async () => {
  const { body } = testBody();
  const writes: string[] = [];
  const res = { destroyed: false, writableEnded: false, write: (b: Buffer) => (writes.push(b.toString('utf8')), true) } as unknown as ServerResponse;
  const relayed = relayOpenAIStream(body, res, { clientWantsUsage: true, commit: () => true });
  for (const part of [content('a'), content('b'), usageChunk, DONE]) body.push(Buffer.from(part)); // four pushes in one turn, as one socket read parsed into chunks
  body.finish();
  const r = await relayed;
  assert.equal(r.outcome, 'done');
  assert.deepEqual(writes, [content('a') + content('b') + usageChunk + DONE]);
});

test('a whole stream in one read is read the same as one event per read', async () => {
  const tool = chunk({ choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{}' } }] } }], usage: null });
  const reasoning = chunk({ choices: [{ index: 0, delta: { reasoning_content: 'hm' } }], usage: null });
  const noSpace = content('z').replace('data: ', 'data:');
  const emptyDelta = chunk({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: null });
  const parts = [chunk({ choices: [{ index: 0, delta: { role: 'assistant', content: '' } }], usage: null }), content('a'), tool, reasoning, noSpace, ': keep-alive\n\n', emptyDelta, usageChunk, DONE];
  const apart = await relay(parts);
  const together = await relay([parts.join('')]);
  for (const { r, written } of [apart, together]) {
    assert.equal(r.outcome, 'done');
    assert.equal(written, parts.join(''));
    assert.equal(r.deltaChunks, 4, 'content, tool call, reasoning and the unspaced content chunk');
    assert.equal(r.usage?.inputUncached, 10);
  }
  const err = `data: ${JSON.stringify({ id: 'x', choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }], error: { message: 'mid-stream' } })}\n\n`;
  const stopped = await relay([parts[0] + content('a') + err + content('b') + DONE]);
  assert.equal(stopped.r.outcome, 'upstream_error');
  assert.equal(stopped.written, parts[0] + content('a'), 'the events before the error go out, nothing after it');
  const bad = await relay([parts[0] + content('a') + 'data: {"id":"x"} trailing\n\n' + DONE]);
  assert.equal(bad.r.outcome, 'malformed');
});

test('tool-call and reasoning deltas are told from other keys with `_c` in them', async () => {
  const tool = chunk({ choices: [{ index: 0, delta: { tool_calls: [{ index: 0 }] } }], usage: null });
  const reasoning = chunk({ choices: [{ index: 0, delta: { reasoning_content: '' } }], usage: null });
  const lookalikes = chunk({ choices: [{ index: 0, delta: { x_calls: 1, my_content: 'a', tool_callsX: 2 } }], usage: null });
  const { r } = await relay([content('a'), tool, reasoning, lookalikes, DONE]);
  assert.equal(r.deltaChunks, 3, 'the content, the tool call and the (even empty) reasoning delta; not the look-alikes');
});
