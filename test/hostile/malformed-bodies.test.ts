import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { errorBody, startHarness, type Harness } from '../integration/gateway-harness.ts';
import { assertServing, rawJson, rawRequest } from './raw-http.ts';

const LIMIT = 64 * 1024;
const chat = (content: string) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });

describe('hostile bodies: malformed, non-UTF-8, huge, deep', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ tweak: (c) => ({ ...c, server: { ...c.server, limits: { ...c.server.limits, maxBodyBytes: LIMIT, maxJsonDepth: 32 }, timeouts: { clientBodyMs: 1_500 } } }) });
  });
  after(() => h.close());

  const expectError = async (res: Response, status: number, code: string, param?: string) => {
    assert.equal(res.status, status);
    const e = (await errorBody(res)) as { code: string; message: string; param?: string };
    assert.equal(e.code, code, e.message);
    if (param) assert.equal(e.param, param);
    return e;
  };
  const postBytes = (body: Buffer) => fetch(h.url + '/v1/chat/completions', { method: 'POST', headers: { authorization: `Bearer ${h.secret}`, 'content-type': 'application/json' }, body });

  test('truncated JSON → 400 invalid_json', async () => void (await expectError(await h.post('/v1/chat/completions', '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"x"'), 400, 'invalid_json')));
  test('trailing garbage after the object → 400 invalid_json', async () => void (await expectError(await h.post('/v1/chat/completions', JSON.stringify(chat('x')) + '}{'), 400, 'invalid_json')));
  test('a UTF-8 byte-order mark before the JSON → 400 invalid_json', async () => void (await expectError(await postBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(chat('x')))])), 400, 'invalid_json')));
  test('NUL bytes between tokens → 400 invalid_json', async () => void (await expectError(await h.post('/v1/chat/completions', '{"model":\0"gpt-4o-mini"}'), 400, 'invalid_json')));
  test('a UTF-16 body → 400 invalid_json', async () => void (await expectError(await postBytes(Buffer.from(JSON.stringify(chat('x')), 'utf16le')), 400, 'invalid_json')));

  test('invalid UTF-8 inside a string → 400 invalid_json (never parsed as U+FFFD while the raw bytes go upstream)', async () => {
    const body = Buffer.concat([Buffer.from('{"model":"gpt-4o-mini","messages":[{"role":"user","content":"a'), Buffer.from([0xff, 0xfe, 0xc0, 0x80]), Buffer.from('"}]}')]);
    const e = await expectError(await postBytes(body), 400, 'invalid_json');
    assert.match(e.message, /UTF-8/);
  });

  test('an overlong UTF-8 encoding of "/" and a UTF-8-encoded surrogate → 400 invalid_json', async () => {
    for (const bad of [[0xc0, 0xaf], [0xed, 0xa0, 0x80]]) {
      const body = Buffer.concat([Buffer.from('{"model":"gpt-4o-mini","messages":[{"role":"user","content":"'), Buffer.from(bad), Buffer.from('"}]}')]);
      await expectError(await postBytes(body), 400, 'invalid_json');
    }
  });

  test('a declared Content-Length over the limit → 413 before the body is sent, and the connection is closed', async () => {
    const reply = await rawRequest(h.url, `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${h.secret}\r\nContent-Type: application/json\r\nContent-Length: ${10 * 1024 * 1024}\r\n\r\n{"model":`, { untilClose: true });
    assert.equal(reply.status, 413);
    assert.equal(rawJson(reply).error?.code, 'request_too_large');
    assert.match(reply.text.toLowerCase(), /\r\nconnection: close\r\n/);
    assert.ok(reply.closed);
  });

  test('a chunked body that grows past the limit → 413 request_too_large', async () => {
    const chunk = 'x'.repeat(16 * 1024);
    const parts = [`POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${h.secret}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`];
    parts.push(`c\r\n{"model":"x"\r\n`);
    for (let i = 0; i < 8; i++) parts.push(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    parts.push('0\r\n\r\n');
    const reply = await rawRequest(h.url, parts);
    assert.equal(reply.status, 413);
    assert.equal(rawJson(reply).error?.code, 'request_too_large');
  });

  test('a body that lies about its Content-Length (shorter) → 408 after the body deadline, nothing upstream', async () => {
    const reply = await rawRequest(h.url, `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${h.secret}\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n${JSON.stringify(chat('x'))}`, { timeoutMs: 10_000 });
    assert.equal(reply.status, 408);
    assert.equal(rawJson(reply).error?.code, 'request_timeout');
  });

  test('10,000 nested arrays → 400 json_too_deep', async () => void (await expectError(await h.post('/v1/chat/completions', '{"model":"gpt-4o-mini","x":' + '['.repeat(10_000) + ']'.repeat(10_000) + '}'), 400, 'json_too_deep')));
  test('10,000 nested objects, unbalanced → 400 json_too_deep', async () => void (await expectError(await h.post('/v1/chat/completions', '{"a":'.repeat(10_000)), 400, 'json_too_deep')));

  test('brackets inside strings do not count as nesting → 200', async () => {
    const res = await h.post('/v1/chat/completions', chat('served: ' + '['.repeat(5_000) + '{'.repeat(5_000)));
    assert.equal(res.status, 200);
    await res.arrayBuffer();
  });

  test('a number that overflows to Infinity on a decoded route → 400 naming the parameter', async () => {
    const res = await h.post('/v1/messages', '{"model":"gpt-4o-mini","max_tokens":10,"temperature":1e400,"messages":[{"role":"user","content":"x"}]}');
    assert.equal(res.status, 400);
    const body = (await res.json()) as { type: string; error: { type: string; message: string } };
    assert.equal(body.type, 'error');
    assert.equal(body.error.type, 'invalid_request_error');
    assert.match(body.error.message, /temperature/);
  });

  test('malformed JSON on /v1/messages → 400 in Anthropic\'s error shape', async () => {
    const res = await h.post('/v1/messages', '{"model":"gpt-4o-mini","max_tokens":1,');
    assert.equal(res.status, 400);
    const body = (await res.json()) as { type: string; error: { type: string; message: string } };
    assert.equal(body.type, 'error');
    assert.equal(body.error.type, 'invalid_request_error');
    assert.match(body.error.message, /not valid JSON/);
  });

  test('malformed JSON on /v1/responses → 400 invalid_json', async () => void (await expectError(await h.post('/v1/responses', '{"model":'), 400, 'invalid_json')));

  test('model of the wrong type (number, array, object, null) → 400', async () => {
    for (const model of [1, ['gpt-4o-mini'], { id: 'gpt-4o-mini' }, null]) {
      const res = await h.post('/v1/chat/completions', { model, messages: [{ role: 'user', content: 'x' }] });
      assert.equal(res.status, 400, JSON.stringify(model));
      await res.arrayBuffer();
    }
  });

  test('a "__proto__" key in the body pollutes nothing and is refused as an unknown field', async () => {
    const res = await h.post('/v1/chat/completions', '{"__proto__":{"polluted":true,"model":"other"},"model":"gpt-4o-mini","messages":[{"role":"user","content":"refused: proto"}]}');
    assert.deepEqual([res.status, (await errorBody(res)).code], [400, 'unknown_field']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('the gateway still serves', async () => {
    await assertServing(h.url);
    const res = await h.post('/v1/chat/completions', chat('served: still there?'));
    assert.equal(res.status, 200);
    await res.arrayBuffer();
  });

  test('nothing reached the upstream but the requests meant to be served', () => {
    const upstream = h.emulator.log.entries().map((e) => e.bodyText ?? '');
    assert.equal(upstream.length, 2);
    for (const text of upstream) assert.match(text, /served: /);
  });
});
