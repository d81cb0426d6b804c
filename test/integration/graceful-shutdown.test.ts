import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { startEmulator, type Emulator } from '../emulator/server.ts';
import { freePort } from './child-process-helpers.ts';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;

/** A `switchyard start` child process on its own data directory, with one all-models key. */
interface Gateway {
  child: ChildProcess;
  base: string;
  port: number;
  secret: string;
  dataDir: string;
  logs: () => string;
  /** Resolves when the log has a line matching `re`. */
  logged: (re: RegExp) => Promise<void>;
  exited: Promise<number | null>;
}

async function startGateway(dir: string, emulatorUrl: string, graceMs: number): Promise<Gateway> {
  const port = await freePort();
  const dataDir = join(dir, 'data');
  const config = join(dir, 'switchyard.yaml');
  writeFileSync(config, `server:\n  shutdown_grace_ms: ${graceMs}\nproviders:\n  emu:\n    type: openai\n    base_url: ${emulatorUrl}/v1\n    api_key: up-key\nmodels:\n  gpt-4o-mini: emu/gpt-4o-mini\n`);
  const env = { ...process.env, SWITCHYARD_DATA_DIR: dataDir, SWITCHYARD_LOG_FORMAT: 'json' };
  const created = spawnSync(process.execPath, [MAIN, 'keys', 'create', '--name', 'shutdown', '--json'], { env, encoding: 'utf8' });
  assert.equal(created.status, 0, created.stderr);
  const secret = (JSON.parse(created.stdout) as { key: string }).key;
  const child = spawn(process.execPath, [MAIN, 'start', '--config', config, '--port', String(port)], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let logs = '';
  const waiters: { re: RegExp; resolve: () => void }[] = [];
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    logs += d;
    for (const w of [...waiters]) {
      if (!w.re.test(logs)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const logged = (re: RegExp) => (re.test(logs) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ re, resolve })));
  await Promise.race([logged(/switchyard listening/), exited.then(() => assert.fail(`gateway exited at start:\n${logs}`))]);
  return { child, base: `http://127.0.0.1:${port}`, port, secret, dataDir, logs: () => logs, logged, exited };
}

/** A streaming request whose body is read by hand: `firstData` resolves at its first bytes, `text` with the whole body. */
function openStream(g: Gateway, path: string, body: unknown, headers: Record<string, string> = {}) {
  let first!: () => void;
  const firstData = new Promise<void>((r) => (first = r));
  const text = (async () => {
    const res = await fetch(g.base + path, { method: 'POST', headers: { authorization: `Bearer ${g.secret}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    assert.equal(res.status, 200, `${path} answered ${res.status}`);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let out = '';
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) break;
      out += decoder.decode(value, { stream: true });
      if (out.includes('gpt') || out.includes('delta')) first();
    }
    return out;
  })();
  text.catch(() => first());
  return { firstData, text };
}

/** A raw keep-alive connection: `send` writes bytes, `closed` resolves when the server closes it. */
function rawConnection(port: number): Promise<{ socket: Socket; received: () => string; closed: Promise<void>; responses: (n: number) => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    const waiters: { n: number; resolve: () => void }[] = [];
    socket.setEncoding('utf8').on('data', (d: string) => {
      data += d;
      const answered = data.endsWith('}') ? (data.match(/HTTP\/1\.1 \d{3}/g)?.length ?? 0) : 0;
      for (const w of [...waiters]) {
        if (answered < w.n) continue;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    });
    socket.once('error', reject);
    socket.once('connect', () => resolve({ socket, received: () => data, closed, responses: (n) => new Promise<void>((r) => waiters.push({ n, resolve: r })) }));
  });
}

const marker = (tokens: number, delayMs: number) => `[emu tokens=${tokens} token_delay_ms=${delayMs}]`;

describe('graceful shutdown (real process)', () => {
  let emulator: Emulator;
  let dir: string;
  before(async () => {
    emulator = await startEmulator({ apiKey: 'up-key', quiet: true });
    dir = mkdtempSync(join(tmpdir(), 'sy-shutdown-'));
  });
  after(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('SIGTERM: 20 streams longer than the grace each end with an error event in their API format, and 20 records are written', { timeout: 120_000 }, async () => {
    const g = await startGateway(mkdtempSync(join(dir, 'cut-')), emulator.url, 300);
    const long = marker(2000, 20);
    const streams = [
      ...Array.from({ length: 8 }, (_, i) => ({ api: 'chat', s: openStream(g, '/v1/chat/completions', { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: `chat ${i} ${long}` }] }) })),
      ...Array.from({ length: 6 }, (_, i) => ({ api: 'messages', s: openStream(g, '/v1/messages', { model: 'gpt-4o-mini', stream: true, max_tokens: 4000, messages: [{ role: 'user', content: `messages ${i} ${long}` }] }) })),
      ...Array.from({ length: 6 }, (_, i) => ({ api: 'responses', s: openStream(g, '/v1/responses', { model: 'gpt-4o-mini', stream: true, input: `responses ${i} ${long}` }) })),
    ];
    const waiting = fetch(g.base + '/v1/chat/completions', { method: 'POST', headers: { authorization: `Bearer ${g.secret}`, 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'still thinking [emu hang=1]' }] }) });
    await Promise.all(streams.map((x) => x.s.firstData));
    await emulator.log.waitFor((e) => e.outcome === 'hung', 30_000);
    g.child.kill('SIGTERM');
    const bodies = await Promise.all(streams.map((x) => x.s.text));
    const answered = await waiting;
    assert.equal(answered.status, 503, 'a non-streaming request still waiting gets a 503');
    assert.equal(((await answered.json()) as { error: { code: string } }).error.code, 'server_shutting_down');
    assert.equal(await g.exited, 0, g.logs());
    for (const [i, body] of bodies.entries()) {
      const api = streams[i].api;
      const tail = body.slice(-2000);
      assert.doesNotMatch(body, /\[DONE\]|message_stop|response\.completed/, `${api} stream ${i} did not finish cleanly`);
      if (api === 'chat') assert.match(tail, /data: \{"error":\{"message":"the gateway is shutting down[^\n]*"code":"server_shutting_down"\}\}\n\n$/, `chat stream ${i} ends with an error chunk`);
      if (api === 'messages') assert.match(tail, /event: error\ndata: \{"type":"error","error":\{"type":"[a-z_]+","message":"the gateway is shutting down[^\n]*\n\n$/, `messages stream ${i} ends with an error event`);
      if (api === 'responses') assert.match(tail, /event: response\.failed\n[\s\S]*event: error\ndata: \{[^\n]*"code":"server_shutting_down"[^\n]*\n\n$/, `responses stream ${i} ends with response.failed and an error event`);
    }
    const store = openSqliteStore(g.dataDir);
    try {
      const records = await store.records.list({ limit: 100 });
      assert.equal(records.length, 21, 'one record per stream, and one for the non-streaming request');
      assert.equal(records.filter((r) => r.stream).length, 20);
      for (const r of records) {
        assert.equal(r.errorClass, 'shutdown');
        assert.equal(r.status, 503);
        assert.match(r.errorMessage ?? '', /shutting down/);
        assert.equal(r.usageSource, 'estimated', 'the tokens streamed before the cut (or the prompt sent upstream) are metered');
      }
    } finally {
      await store.close();
    }
  });

  test('SIGTERM with a long grace: readiness 503 and new connections refused while a stream finishes; idle keep-alive connections are closed; exit follows the last response', { timeout: 120_000 }, async () => {
    const g = await startGateway(mkdtempSync(join(dir, 'drain-')), emulator.url, 600_000);
    const idle = await Promise.all([0, 1, 2].map(() => rawConnection(g.port)));
    for (const c of idle) c.socket.write('GET /healthz HTTP/1.1\r\nHost: gw\r\n\r\n');
    await Promise.all(idle.map((c) => c.responses(1)));
    const probe = await rawConnection(g.port);
    probe.socket.write('GET /readyz HTTP/1.1\r\nHo');
    const stream = openStream(g, '/v1/chat/completions', { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: `finish me ${marker(60, 50)}` }] });
    await stream.firstData;

    g.child.kill('SIGTERM');
    await g.logged(/"draining"/);
    await Promise.all(idle.map((c) => c.closed));
    await assert.rejects(fetch(g.base + '/healthz'), 'a new connection is refused');
    probe.socket.write('st: gw\r\n\r\n');
    await probe.closed;
    assert.match(probe.received(), /^HTTP\/1\.1 503 [\s\S]*connection: close[\s\S]*"not ready"/i, 'readiness is 503 during the drain, and the connection closes after it');

    const body = await stream.text;
    assert.match(body, /data: \[DONE\]\n\n$/, 'the stream in flight finished within the grace');
    assert.equal(await g.exited, 0, g.logs());
    assert.match(g.logs(), /switchyard stopped/);
    const store = openSqliteStore(g.dataDir);
    try {
      const records = await store.records.list({ limit: 10 });
      assert.deepEqual(records.map((r) => [r.status, r.errorClass]), [[200, null]]);
    } finally {
      await store.close();
    }
  });

  test('SIGTERM with only idle keep-alive clients exits at once, not after the grace', { timeout: 60_000 }, async () => {
    const g = await startGateway(mkdtempSync(join(dir, 'idle-')), emulator.url, 600_000);
    const idle = await Promise.all([0, 1, 2, 3].map(() => rawConnection(g.port)));
    for (const c of idle) c.socket.write('GET /healthz HTTP/1.1\r\nHost: gw\r\n\r\n');
    await Promise.all(idle.map((c) => c.responses(1)));
    g.child.kill('SIGTERM');
    assert.equal(await g.exited, 0, g.logs());
    await Promise.all(idle.map((c) => c.closed));
  });
});
