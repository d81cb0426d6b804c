import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import OpenAI from 'openai';
import { startEmulator } from './server.ts';
import { chatBody, openAIClient, postJson } from './test-clients.ts';

describe('startEmulator', () => {
  it('listens on an ephemeral 127.0.0.1 port and records each request in the log', async () => {
    const emulator = await startEmulator();
    try {
      assert.match(emulator.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal(emulator.url, `http://127.0.0.1:${emulator.port}`);
      await postJson(emulator, '/v1/chat/completions?trace=1', chatBody('hi [emu tokens=1]'), { 'X-Custom': 'Yes' });
      const entry = emulator.log.last();
      assert.ok(entry);
      assert.equal(entry.method, 'POST');
      assert.equal(entry.path, '/v1/chat/completions');
      assert.equal(entry.headers['x-custom'], 'Yes');
      assert.deepEqual(entry.body, chatBody('hi [emu tokens=1]'));
      assert.deepEqual(entry.directives, { tokens: 1 });
      assert.equal(entry.status, 200);
      assert.equal(entry.outcome, 'completed');
      assert.ok(entry.finishedAt !== undefined && entry.finishedAt >= entry.startedAt);
    } finally {
      await emulator.close();
    }
  });

  it('requires the bearer key when apiKey is set', async () => {
    const emulator = await startEmulator({ apiKey: 'sk-right' });
    try {
      const error = await openAIClient(emulator, 'sk-wrong').models.list().catch((e: unknown) => e);
      assert.ok(error instanceof OpenAI.AuthenticationError);
      assert.equal(error.code, 'invalid_api_key');
      const res = await postJson(emulator, '/v1/chat/completions', chatBody('hi'));
      assert.equal(res.status, 401);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'invalid_api_key');
      const ok = await openAIClient(emulator, 'sk-right').chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] });
      assert.equal(ok.model, 'gpt-4o');
    } finally {
      await emulator.close();
    }
  });

  it('answers unknown paths with an OpenAI-shaped 404', async () => {
    const emulator = await startEmulator();
    try {
      const res = await postJson(emulator, '/v1/nope', {});
      assert.equal(res.status, 404);
      assert.deepEqual(await res.json(), {
        error: { message: 'Invalid URL (POST /v1/nope)', type: 'invalid_request_error', param: null, code: null },
      });
    } finally {
      await emulator.close();
    }
  });

  it('close() ends hung requests and the log records them as aborted', async () => {
    const emulator = await startEmulator();
    const pending = postJson(emulator, '/v1/chat/completions', chatBody('hi [emu hang=1]'));
    const hung = await emulator.log.waitFor((e) => e.outcome === 'hung', 2_000);
    await emulator.close();
    await assert.rejects(pending);
    await emulator.log.waitFor((e) => e.id === hung.id && e.outcome === 'aborted', 1_000);
  });

  it('main.ts prints its URL and exits cleanly on SIGTERM', async () => {
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const child = spawn(process.execPath, [main, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    const match = /^emulator listening on (http:\/\/127\.0\.0\.1:\d+) as openai\n$/.exec(line.toString());
    assert.ok(match, line.toString());
    const res = await fetch(`${match[1]}/v1/models`);
    assert.equal(res.status, 200);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    assert.equal(code, 0);
  });

  it('main.ts plays the provider --provider names, and refuses an unknown one', async () => {
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const child = spawn(process.execPath, [main, '--provider', 'anthropic', '--api-key', 'k'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    const url = /listening on (http:\/\/\S+) as anthropic/.exec(line.toString())?.[1];
    assert.ok(url, line.toString());
    const res = await fetch(`${url}/v1/messages/count_tokens`, { method: 'POST', headers: { 'x-api-key': 'k', 'content-type': 'application/json' }, body: '{"model":"claude","messages":[{"role":"user","content":"hi"}]}' });
    assert.deepEqual(await res.json(), { input_tokens: 5 });
    child.kill('SIGTERM');
    await once(child, 'exit');
    const bad = spawn(process.execPath, [main, '--provider', 'nope'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    bad.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const [code] = await once(bad, 'exit');
    assert.equal(code, 2);
    assert.match(err, /unknown --provider "nope"[\s\S]*providers: openai, anthropic/);
  });
});
