import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { startEmulator } from './server.ts';
import type { Emulator } from './server.ts';
import { chatBody, openAIClient, postJson, sseData } from './test-clients.ts';

function request(text: string, extra: Record<string, unknown> = {}): ChatCompletionCreateParamsNonStreaming {
  return chatBody(text, extra) as unknown as ChatCompletionCreateParamsNonStreaming;
}

describe('fault directives', () => {
  let emulator: Emulator;
  let client: OpenAI;
  before(async () => {
    emulator = await startEmulator();
    client = openAIClient(emulator);
  });
  after(() => emulator.close());

  it('status=429 retry_after=2 returns a rate-limit error with retry-after headers', async () => {
    const error = await client.chat.completions.create(request('hi [emu status=429 retry_after=2]')).catch((e: unknown) => e);
    assert.ok(error instanceof OpenAI.RateLimitError);
    assert.equal(error.status, 429);
    assert.equal(error.code, 'rate_limit_exceeded');
    assert.equal(error.type, 'requests');
    assert.equal(error.headers.get('retry-after'), '2');
    assert.equal(error.headers.get('retry-after-ms'), '2000');
    const entry = emulator.log.last();
    assert.equal(entry?.status, 429);
    assert.equal(entry?.outcome, 'error');
  });

  it('maps each status to its OpenAI error type and code', async () => {
    const expected: Array<[number, string, string | null]> = [
      [400, 'invalid_request_error', null],
      [401, 'invalid_request_error', 'invalid_api_key'],
      [403, 'invalid_request_error', 'permission_denied'],
      [404, 'invalid_request_error', 'model_not_found'],
      [413, 'invalid_request_error', 'request_too_large'],
      [500, 'server_error', null],
      [502, 'server_error', null],
      [503, 'service_unavailable_error', 'server_is_overloaded'],
    ];
    for (const [status, type, code] of expected) {
      const res = await postJson(emulator, '/v1/chat/completions', chatBody(`hi [emu status=${status}]`));
      assert.equal(res.status, status);
      assert.equal(res.headers.get('retry-after'), null);
      const body = (await res.json()) as { error: { type: string; code: string | null; param: string | null; message: string } };
      assert.deepEqual([body.error.type, body.error.code, body.error.param], [type, code, null], `status ${status}`);
      assert.ok(body.error.message.length > 0);
    }
  });

  it('error_code=context_length_exceeded produces the context-length error shape; overrides apply', async () => {
    const error = await client.chat.completions.create(request('hi [emu status=400 error_code=context_length_exceeded]')).catch((e: unknown) => e);
    assert.ok(error instanceof OpenAI.BadRequestError);
    assert.equal(error.code, 'context_length_exceeded');
    assert.equal(error.param, 'messages');
    assert.match(error.message, /maximum context length is 128000 tokens/);
    const res = await postJson(emulator, '/v1/chat/completions', chatBody('hi [emu status=503 error_code=slow_down error_message=back_soon]'));
    assert.deepEqual(await res.json(), { error: { message: 'back soon', type: 'service_unavailable_error', param: null, code: 'slow_down' } });
  });

  it('error_param sets error.param next to the other overrides', async () => {
    const res = await postJson(emulator, '/v1/chat/completions', chatBody('hi [emu status=400 error_code=bad_thing error_message=no error_param=temperature]'));
    assert.deepEqual(await res.json(), { error: { message: 'no', type: 'invalid_request_error', param: 'temperature', code: 'bad_thing' } });
  });

  it('echo_credential quotes the bearer token the request presented in message, code and param', async () => {
    const res = await postJson(emulator, '/v1/chat/completions', chatBody('hi [emu status=400 echo_credential=1 error_code=kept]'), { authorization: 'Bearer sk-test' });
    assert.deepEqual(await res.json(), { error: { message: 'Incorrect API key provided: sk-test.', type: 'invalid_request_error', param: 'sk-test', code: 'kept' } });
  });

  it('error_after=1 sends one token, then an in-band error event carrying the overrides, and ends without [DONE]', async () => {
    const res = await postJson(emulator, '/v1/chat/completions', chatBody('hi [emu error_after=1 error_code=boom error_message=went_wrong error_param=p]', { stream: true }));
    const frames = sseData(await res.text());
    assert.equal(frames.length, 3);
    assert.equal(JSON.parse(frames[1]).choices[0].delta.content.length > 0, true);
    assert.deepEqual(JSON.parse(frames[2]), { error: { message: 'went wrong', type: 'server_error', param: 'p', code: 'boom' } });
    const stream = await client.chat.completions.create({ ...request('hi [emu error_after=1]'), stream: true });
    await assert.rejects(async () => {
      for await (const chunk of stream) void chunk;
    }, /The server had an error/);
  });

  it('hang=1 never answers; the client aborting marks the entry aborted', async () => {
    const controller = new AbortController();
    const pending = client.chat.completions.create(request('hi [emu hang=1]'), { signal: controller.signal });
    const hung = await emulator.log.waitFor((e) => e.outcome === 'hung', 2_000);
    assert.equal(hung.status, undefined);
    controller.abort();
    await assert.rejects(pending, OpenAI.APIUserAbortError);
    const aborted = await emulator.log.waitFor((e) => e.id === hung.id && e.outcome === 'aborted', 2_000);
    assert.equal(aborted.chunksSent, 0);
  });

  it('latency_ms delays the response headers; a client leaving during the delay is recorded as aborted', async () => {
    const started = Date.now();
    await client.chat.completions.create(request('hi [emu latency_ms=120 tokens=1]'));
    assert.ok(Date.now() - started >= 110);
    const controller = new AbortController();
    const pending = client.chat.completions.create(request('hi [emu latency_ms=5000]'), { signal: controller.signal });
    const entry = await emulator.log.waitFor((e) => e.outcome === 'pending' && e.directives?.latency_ms === 5000, 2_000);
    controller.abort();
    await assert.rejects(pending);
    await emulator.log.waitFor((e) => e.id === entry.id && e.outcome === 'aborted', 2_000);
  });

  it('cut_after=2 sends the role chunk and two tokens, then drops the connection', async () => {
    const stream = await client.chat.completions.create({ ...request('hi [emu cut_after=2]'), stream: true });
    const received: ChatCompletionChunk[] = [];
    await assert.rejects(async () => {
      for await (const chunk of stream) received.push(chunk);
    });
    assert.deepEqual(received.map((c) => c.choices[0].delta.content), ['', 'Switchyard', ' emulated']);
    const entry = await emulator.log.waitFor((e) => e.outcome === 'cut', 2_000);
    assert.equal(entry.chunksSent, 3);
    assert.equal(entry.status, 200);
  });

  it('hang_after=2 sends two tokens then goes silent until the client leaves', async () => {
    const controller = new AbortController();
    const stream = await client.chat.completions.create({ ...request('hi [emu hang_after=2]'), stream: true }, { signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();
    const received: string[] = [];
    for (let n = 0; n < 3; n++) {
      const next = await iterator.next();
      assert.equal(next.done, false);
      received.push(next.value.choices[0].delta.content ?? '');
    }
    assert.deepEqual(received, ['', 'Switchyard', ' emulated']);
    const hung = await emulator.log.waitFor((e) => e.outcome === 'hung', 2_000);
    assert.equal(hung.chunksSent, 3);
    const silent = await Promise.race([iterator.next().then(() => 'data', () => 'error'), new Promise((resolve) => setTimeout(resolve, 100, 'silent'))]);
    assert.equal(silent, 'silent');
    controller.abort();
    await emulator.log.waitFor((e) => e.id === hung.id && e.outcome === 'aborted', 2_000);
  });

  it('a client that stops reading mid-stream is recorded as aborted and the emulator stops writing', async () => {
    const stream = await client.chat.completions.create({ ...request('hi [emu tokens=20 token_delay_ms=20]'), stream: true });
    let seen = 0;
    for await (const chunk of stream) {
      void chunk;
      if (++seen === 2) break;
    }
    const entry = await emulator.log.waitFor((e) => e.outcome === 'aborted' && e.directives?.tokens === 20, 2_000);
    const sent = entry.chunksSent;
    assert.ok(sent >= 2 && sent < 22, `chunksSent ${sent}`);
    await new Promise((resolve) => setTimeout(resolve, 60));
    assert.equal(entry.chunksSent, sent);
  });

  it('malformed_sse=1 inserts a non-JSON frame after the first token, then continues normally', async () => {
    const res = await postJson(emulator, '/v1/chat/completions', chatBody('hi [emu malformed_sse=1 tokens=2]', { stream: true }));
    const frames = sseData(await res.text());
    assert.equal(frames.length, 6);
    assert.equal(frames[2], '{"id": broken');
    assert.throws(() => JSON.parse(frames[2]));
    assert.equal(JSON.parse(frames[3]).choices[0].delta.content, ' emulated');
    assert.equal(frames[5], '[DONE]');
    assert.equal((await emulator.log.waitFor((e) => e.id === emulator.log.last()?.id && e.outcome !== 'pending')).outcome, 'completed');
    const stream = await client.chat.completions.create({ ...request('hi [emu malformed_sse=1]'), stream: true });
    await assert.rejects(async () => {
      for await (const chunk of stream) void chunk;
    }, SyntaxError);
  });

  it('token_delay_ms spaces the stream chunks', async () => {
    const started = Date.now();
    const res = await postJson(emulator, '/v1/chat/completions', chatBody('hi [emu tokens=2 token_delay_ms=40]', { stream: true }));
    assert.equal(sseData(await res.text()).length, 5);
    assert.ok(Date.now() - started >= 4 * 40 - 10);
  });

  it('end_delay_ms holds the stream open after [DONE] before ending it', async () => {
    const started = Date.now();
    const res = await postJson(emulator, '/v1/chat/completions', chatBody('hi [emu tokens=2 end_delay_ms=150]', { stream: true }));
    const reader = res.body!.getReader();
    let text = '';
    let doneAt = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString('utf8');
      if (!doneAt && text.includes('[DONE]')) doneAt = Date.now();
    }
    assert.equal(sseData(text).at(-1), '[DONE]');
    assert.ok(doneAt - started < 100, `[DONE] arrived at once (${doneAt - started} ms)`);
    assert.ok(Date.now() - doneAt >= 140, 'the body ended only after the delay');
  });
});

describe('fail_rate and runtime defaults', () => {
  it('fails with 503 whenever the injected random value is below fail_rate', async () => {
    const values = [0.1, 0.9, 0.29, 0.3];
    let i = 0;
    const emulator = await startEmulator({ defaults: { fail_rate: 0.3 }, random: () => values[i++ % values.length] });
    try {
      const statuses: number[] = [];
      for (let n = 0; n < 4; n++) statuses.push((await postJson(emulator, '/v1/chat/completions', chatBody('hi'))).status);
      assert.deepEqual(statuses, [503, 200, 503, 200]);
    } finally {
      await emulator.close();
    }
  });

  it('setDefaults changes behaviour at runtime and per-request directives still override', async () => {
    const emulator = await startEmulator();
    try {
      emulator.setDefaults({ status: 500 });
      assert.equal((await postJson(emulator, '/v1/chat/completions', chatBody('hi'))).status, 500);
      assert.equal((await postJson(emulator, '/v1/chat/completions', chatBody('hi [emu status=200]'))).status, 200);
      assert.equal((await postJson(emulator, '/v1/chat/completions', chatBody('hi'), { 'x-emulator-status': '429' })).status, 429);
      emulator.setDefaults({});
      assert.equal((await postJson(emulator, '/v1/chat/completions', chatBody('hi'))).status, 200);
    } finally {
      await emulator.close();
    }
  });
});
