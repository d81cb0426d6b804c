import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import { startEmulator } from '../server.ts';
import type { Emulator } from '../server.ts';
import { anthropicClient, anthropicHeaders, messagesBody, namedEvents } from './test-client.ts';

function post(emulator: Emulator, body: unknown, headers: Record<string, string> = anthropicHeaders('sk-ant-test')): Promise<Response> {
  return fetch(`${emulator.url}/v1/messages`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

describe('Anthropic emulator: auth, validation and fault directives', () => {
  let emulator: Emulator;
  let client: Anthropic;
  before(async () => {
    emulator = await startEmulator({ provider: 'anthropic', apiKey: 'sk-ant-test' });
    client = anthropicClient(emulator);
  });
  after(() => emulator.close());

  it('authenticates with x-api-key and answers a wrong key with 401 authentication_error', async () => {
    const ok = await post(emulator, messagesBody('hi'));
    assert.equal(ok.status, 200);
    const bad = await post(emulator, messagesBody('hi'), anthropicHeaders('sk-wrong'));
    assert.equal(bad.status, 401);
    const entry = emulator.log.last();
    assert.equal(bad.headers.get('request-id'), `req_emu${entry?.id}`);
    assert.deepEqual(await bad.json(), { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' }, request_id: `req_emu${entry?.id}` });
    const err = await anthropicClient(emulator, 'sk-wrong').messages.create(messagesBody('hi')).catch((e: unknown) => e);
    assert.ok(err instanceof Anthropic.AuthenticationError);
  });

  it('requires the anthropic-version header', async () => {
    const headers = anthropicHeaders('sk-ant-test');
    delete headers['anthropic-version'];
    const res = await post(emulator, messagesBody('hi'), headers);
    assert.equal(res.status, 400);
    assert.deepEqual((await res.json() as { error: unknown }).error, { type: 'invalid_request_error', message: 'anthropic-version: header is required' });
  });

  it('rejects invalid bodies with invalid_request_error', async () => {
    const cases: Array<[unknown, string]> = [
      ['{"model": ', 'There was an issue with the format or content of your request: the body is not valid JSON.'],
      [{ max_tokens: 5, messages: [] }, 'model: Field required'],
      [{ model: 'm', messages: [{ role: 'user', content: 'x' }] }, 'max_tokens: Field required'],
      [{ model: 'm', max_tokens: 5 }, 'messages: Field required'],
      [{ model: 'm', max_tokens: 5, messages: [] }, 'messages: at least one message is required'],
      [{ model: 'm', max_tokens: 5, messages: [{ role: 'system', content: 'x' }] }, "messages.0.role: Input should be 'user' or 'assistant'"],
    ];
    for (const [body, message] of cases) {
      const res = await post(emulator, body);
      assert.equal(res.status, 400);
      assert.deepEqual((await res.json() as { error: unknown }).error, { type: 'invalid_request_error', message });
    }
  });

  it('maps status directives to Anthropic error types, with retry-after', async () => {
    const expected: Array<[number, string]> = [
      [400, 'invalid_request_error'], [401, 'authentication_error'], [402, 'billing_error'], [403, 'permission_error'],
      [404, 'not_found_error'], [413, 'request_too_large'], [429, 'rate_limit_error'], [500, 'api_error'],
      [503, 'overloaded_error'], [504, 'timeout_error'], [529, 'overloaded_error'],
    ];
    for (const [status, type] of expected) {
      const res = await post(emulator, messagesBody(`hi [emu status=${status}]`));
      assert.equal(res.status, status);
      const body = await res.json() as { type: string; error: { type: string; message: string } };
      assert.equal(body.type, 'error');
      assert.equal(body.error.type, type, `status ${status}`);
      assert.ok(body.error.message.length > 0);
    }
    const err = await client.messages.create(messagesBody('hi [emu status=529 retry_after=2]')).catch((e: unknown) => e);
    assert.ok(err instanceof Anthropic.APIError);
    assert.equal(err.status, 529);
    assert.equal(err.headers?.get('retry-after'), '2');
    assert.deepEqual(err.error, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: `req_emu${emulator.log.last()?.id}` });
  });

  it('error_code=context_length_exceeded gives the prompt-too-long message; other codes set the type', async () => {
    const res = await post(emulator, messagesBody('hi [emu status=400 error_code=context_length_exceeded]'));
    assert.deepEqual((await res.json() as { error: unknown }).error, { type: 'invalid_request_error', message: 'prompt is too long: 208310 tokens > 200000 maximum' });
    const custom = await post(emulator, messagesBody('hi [emu status=500 error_code=overloaded_error error_message=busy_now]'));
    assert.deepEqual((await custom.json() as { error: unknown }).error, { type: 'overloaded_error', message: 'busy now' });
  });

  it('hang=1 never answers; the entry goes from hung to aborted', async () => {
    const controller = new AbortController();
    const pending = fetch(`${emulator.url}/v1/messages`, {
      method: 'POST', headers: anthropicHeaders('sk-ant-test'), signal: controller.signal, body: JSON.stringify(messagesBody('hi [emu hang=1]')),
    }).catch(() => undefined);
    const hung = await emulator.log.waitFor((e) => e.outcome === 'hung' && e.directives?.hang === true, 2000);
    assert.equal(hung.status, undefined);
    controller.abort();
    await pending;
    await emulator.log.waitFor((e) => e.id === hung.id && e.outcome === 'aborted', 2000);
  });

  it('cut_after=N sends N text deltas then destroys the socket; the SDK stream fails', async () => {
    const stream = client.messages.stream({ ...messagesBody('hi [emu cut_after=2]'), stream: true });
    let text = '';
    stream.on('text', (t) => (text += t));
    await assert.rejects(stream.finalMessage());
    assert.equal(text, 'Switchyard emulated');
    const entry = await emulator.log.waitFor((e) => e.outcome === 'cut', 2000);
    assert.equal(entry.chunksSent, 5);
  });

  it('error_after=N sends N text deltas, then an error event carrying the overrides; the SDK stream fails', async () => {
    const res = await post(emulator, { ...messagesBody('hi [emu error_after=1 error_code=overloaded_error error_message=too_busy]'), stream: true });
    const events = namedEvents(await res.text());
    assert.deepEqual(events.at(-1), { event: 'error', data: { type: 'error', error: { type: 'overloaded_error', message: 'too busy' } } });
    assert.equal(events.filter((e) => e.event === 'content_block_delta').length, 1);
    const stream = client.messages.stream({ ...messagesBody('hi [emu error_after=1]'), stream: true });
    await assert.rejects(stream.finalMessage(), /Overloaded/);
  });

  it('hang_after=N goes silent after N content deltas', async () => {
    const controller = new AbortController();
    const res = await fetch(`${emulator.url}/v1/messages`, {
      method: 'POST', headers: anthropicHeaders('sk-ant-test'), signal: controller.signal,
      body: JSON.stringify({ ...messagesBody('hi [emu hang_after=1 tool_call=f]'), tools: [{ name: 'f', input_schema: { type: 'object', properties: { a: { type: 'string' } } } }], stream: true }),
    });
    const entry = await emulator.log.waitFor((e) => e.outcome === 'hung' && e.directives?.hang_after === 1, 2000);
    assert.equal(entry.chunksSent, 4);
    controller.abort();
    await res.body?.cancel().catch(() => undefined);
    await emulator.log.waitFor((e) => e.id === entry.id && e.outcome === 'aborted', 2000);
  });

  it('malformed_sse=1 inserts a broken content_block_delta after the first content delta', async () => {
    const res = await post(emulator, { ...messagesBody('hi [emu malformed_sse=1 tokens=2]'), stream: true });
    const text = await res.text();
    const frames = text.split('\n\n').filter((f) => f !== '');
    assert.equal(frames[4], 'event: content_block_delta\ndata: {"type": broken');
    assert.deepEqual(namedEvents(frames.filter((_, i) => i !== 4).join('\n\n') + '\n\n').map((e) => e.event).slice(-2), ['message_delta', 'message_stop']);
  });

  it('token_delay_ms spaces the stream frames', async () => {
    const started = performance.now();
    const res = await post(emulator, { ...messagesBody('hi [emu tokens=3 token_delay_ms=15]'), stream: true });
    await res.text();
    assert.ok(performance.now() - started >= 15 * 8, 'nine frames, eight gaps');
  });
});
