import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { errorBody, startHarness, type Harness } from './gateway-harness.ts';

describe('bad input gets a clear 4xx', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ tweak: (c) => ({ ...c, server: { ...c.server, limits: { ...c.server.limits, maxBodyBytes: 2048, maxJsonDepth: 10 }, timeouts: { clientBodyMs: 300 } } }) });
  });
  after(() => h.close());

  const expect = async (res: Response, status: number, code: string, message?: RegExp) => {
    assert.equal(res.status, status);
    const e = await errorBody(res);
    assert.equal(e.code, code);
    if (message) assert.match(e.message, message);
  };

  test('malformed JSON → 400 invalid_json', async () => expect(await h.post('/v1/chat/completions', '{"model": "gpt-4o-mini",'), 400, 'invalid_json', /not valid JSON/));
  test('JSON that is not an object → 400', async () => expect(await h.post('/v1/chat/completions', '[1,2]'), 400, 'invalid_body'));
  test('empty body → 400', async () => expect(await h.post('/v1/chat/completions', ''), 400, 'empty_body'));
  test('wrong content type → 415', async () =>
    expect(await h.post('/v1/chat/completions', 'model=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type', /application\/json/));
  test('oversized body → 413 naming the limit and the setting', async () =>
    expect(await h.post('/v1/chat/completions', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x'.repeat(5000) }] }), 413, 'request_too_large', /2048 bytes.*max_body_bytes/));
  test('too deeply nested JSON → 400', async () => expect(await h.post('/v1/chat/completions', '{"a":' + '['.repeat(20) + ']'.repeat(20) + '}'), 400, 'json_too_deep'));
  test('missing model → 400', async () => expect(await h.post('/v1/chat/completions', { messages: [] }), 400, 'missing_model'));
  test('unknown model → 404 model_not_found', async () => expect(await h.post('/v1/chat/completions', { model: 'nope', messages: [{ role: 'user', content: 'x' }] }), 404, 'model_not_found', /GET \/v1\/models/));
  test('missing messages → 400', async () => expect(await h.post('/v1/chat/completions', { model: 'gpt-4o-mini' }), 400, 'invalid_messages'));
  test('stream of the wrong type → 400', async () => expect(await h.post('/v1/chat/completions', { model: 'gpt-4o-mini', stream: 'yes', messages: [{ role: 'user', content: 'x' }] }), 400, 'invalid_stream'));
  test('embeddings without input → 400', async () => expect(await h.post('/v1/embeddings', { model: 'text-embedding-3-small' }), 400, 'invalid_input'));
  test('wrong method → 405', async () => {
    const res = await fetch(h.url + '/v1/chat/completions', { headers: { authorization: `Bearer ${h.secret}` } });
    await expect(res, 405, 'method_not_allowed');
  });
  test('unknown endpoint → 404', async () => expect(await h.post('/v1/nope', {}), 404, 'unknown_endpoint'));

  test('a client that sends its body too slowly → 408', async () => {
    const url = new URL(h.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: '/v1/chat/completions', method: 'POST', headers: { authorization: `Bearer ${h.secret}`, 'content-type': 'application/json', 'content-length': 100 } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.write('{"model":');
    });
    assert.equal(status, 408);
  });

  test('nothing reached the upstream for any of these', () => {
    assert.equal(h.emulator.log.entries().length, 0);
  });
});
