import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { errorBody, flushedRecords, startHarness, UPSTREAM_KEY, type Harness } from './gateway-harness.ts';

/**
 * A host that never completes a TCP handshake: a process that listens with a backlog of one and
 * then blocks, whose accept queue the test fills. The kernel then drops further SYNs, so a new
 * connection hangs in connect, as it does towards a firewalled or dead host.
 */
async function startBlackhole(): Promise<{ port: number; close: () => void }> {
  const script = `const s = require('net').createServer();
s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  console.log(s.address().port);
  setTimeout(() => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0), 20);
});`;
  const child: ChildProcess = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve) => child.stdout!.once('data', (d) => resolve(Number(String(d).trim()))));
  await new Promise((r) => setTimeout(r, 100));
  const fillers: Socket[] = [];
  for (let i = 0; i < 8; i++) {
    const s = connect(port, '127.0.0.1');
    s.on('error', () => {});
    fillers.push(s);
    const connected = await new Promise<boolean>((resolve) => {
      s.once('connect', () => resolve(true));
      setTimeout(() => resolve(false), 200);
    });
    if (!connected) break;
  }
  return {
    port,
    close: () => {
      for (const s of fillers) s.destroy();
      child.kill('SIGKILL');
    },
  };
}

describe('connect timeout', () => {
  let h: Harness;
  let hole: Awaited<ReturnType<typeof startBlackhole>>;
  before(async () => {
    hole = await startBlackhole();
    h = await startHarness({
      yaml: (u) => `
providers:
  dead: { type: openai, base_url: http://127.0.0.1:${hole.port}/v1, api_key: k, timeouts: { connect_ms: 300 } }
  live: { type: openai, base_url: ${u[0]}/v1, api_key: ${UPSTREAM_KEY} }
routing:
  breaker: { consecutive_failures: 1000, min_requests: 1000 }
models:
  only-dead:
    targets: [dead/gpt-4o-mini]
    retry: { attempts_per_target: 1 }
  dead-then-live:
    targets: [dead/gpt-4o-mini, live/gpt-4o-mini]
`,
    });
  });
  after(async () => {
    await h.close();
    hole.close();
  });

  test('a host that never accepts the connection fails after connect_ms with a 504 that says so', async () => {
    const t0 = performance.now();
    const res = await h.post('/v1/chat/completions', { model: 'only-dead', messages: [{ role: 'user', content: 'hi' }] });
    const elapsed = performance.now() - t0;
    assert.equal(res.status, 504);
    const e = await errorBody(res);
    assert.equal(e.code, 'upstream_timeout');
    assert.match(e.message, /connect timed out after 300 ms/);
    // undici checks connect timeouts on a half-second clock (docs/configuration.md), so allow it to be late.
    assert.ok(elapsed >= 250 && elapsed < 2000, `failed after ${elapsed.toFixed(0)} ms`);
  });

  test('the next target answers when the first cannot be reached', async () => {
    const res = await h.post('/v1/chat/completions', { model: 'dead-then-live', messages: [{ role: 'user', content: 'hi [emu tokens=2]' }] }, { 'x-client-request-id': 'ct-failover' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-switchyard-provider'), 'live');
    const rec = (await flushedRecords(h)).find((r) => r.clientRequestId === 'ct-failover');
    assert.ok(rec);
    assert.deepEqual(rec.attemptLog.map((a) => [a.provider, a.outcome]).at(-1), ['live', 'ok']);
    assert.ok(rec.attemptLog.slice(0, -1).every((a) => a.provider === 'dead' && a.outcome === 'upstream_timeout'));
  });
});
