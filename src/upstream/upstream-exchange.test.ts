import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import test from 'node:test';
import { Pool } from 'undici';
import { ConnectionGate } from './connection-gate.ts';
import type { UpstreamEndpoint } from './upstream-endpoint.ts';
import { exchangeUpstream, POOL_SATURATED } from './upstream-exchange.ts';

const timeouts = { connectMs: 1000, firstByteMs: 1000, idleMs: 1000, totalMs: 5000 };

/** A real HTTP server on loopback, and an endpoint (pool) in front of it. */
async function upstream(handler: (req: IncomingMessage, res: ServerResponse) => void, gate = { maxInFlight: 4, queueMax: 100, waitMs: 1000 }) {
  const server: Server = createServer(handler);
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ep: UpstreamEndpoint = { providerId: 'test', origin, basePath: '/v1', timeouts, pool: new Pool(origin, { connections: gate.maxInFlight }), gate: new ConnectionGate(gate), fingerprint: '' };
  return {
    ep,
    connections: () => connections,
    close: async () => {
      await ep.pool.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

const call = (signal = new AbortController().signal, t = timeouts) => ({ method: 'POST' as const, path: '/chat', headers: { 'content-type': 'application/json' }, body: '{"a":1}', signal, timeouts: t });

test('status, headers and body of a response; the connection is kept for the next exchange', async (t) => {
  const up = await upstream((req, res) => {
    let got = '';
    req.on('data', (c) => (got += c)).on('end', () => {
      res.setHeader('Content-Type', 'application/json');
      res.setHeader('Set-Cookie', ['a=1', 'b=2']);
      res.end(JSON.stringify({ path: req.url, got }));
    });
  });
  t.after(up.close);
  const r = await exchangeUpstream(up.ep, call());
  assert.equal(r.statusCode, 200);
  assert.equal(r.header('content-type'), 'application/json', 'found whatever the case the upstream used');
  assert.equal(r.header('x-absent'), undefined);
  assert.deepEqual(r.headers['set-cookie'], ['a=1', 'b=2']);
  assert.deepEqual(JSON.parse(await r.body.readText(1024)), { path: '/v1/chat', got: '{"a":1}' });
  await new Promise((r) => setImmediate(r)); // undici frees the connection in the turn the response ended
  const again = await exchangeUpstream(up.ep, call());
  await again.body.readAll(1024);
  assert.equal(up.connections(), 1);
});

test('a body delivered while the consumer keeps up arrives whole; a paused consumer holds the upstream back', async (t) => {
  const piece = Buffer.alloc(64 * 1024, 'x');
  let written = 0;
  let blocked = false;
  const up = await upstream((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const writeMore = () => {
      while (written < 64) {
        written++;
        if (!res.write(piece)) {
          blocked = true;
          return void res.once('drain', writeMore);
        }
      }
      res.end();
    };
    writeMore();
  });
  t.after(up.close);
  const r = await exchangeUpstream(up.ep, call());
  let received = 0;
  let deliveries = 0;
  const ended = new Promise<void>((resolve, reject) =>
    r.body.pipe({
      data: (c) => {
        received += c.length;
        return ++deliveries > 1; // pause after the first delivery
      },
      end: resolve,
      error: reject,
    }),
  );
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(deliveries, 1, 'nothing more is delivered while paused');
  assert.ok(blocked && written < 64, `the upstream's writes were held back (${written} of 64 pieces written)`);
  r.body.resume();
  await ended;
  assert.equal(received, 64 * piece.length);
});

test('an abort before the headers rejects with the reason; one mid-body fails the body and closes the connection', async (t) => {
  let closed = 0;
  const up = await upstream((req, res) => {
    res.on('close', () => closed++);
    if (req.url === '/v1/chat?slow') return; // never answers
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('data: 1\n\n');
  });
  t.after(up.close);
  const before = new AbortController();
  const waiting = exchangeUpstream(up.ep, { ...call(before.signal), path: '/chat?slow' });
  setTimeout(() => before.abort(new Error('client left')), 50);
  await assert.rejects(waiting, /client left/);

  const mid = new AbortController();
  const r = await exchangeUpstream(up.ep, call(mid.signal));
  const failed = r.body.readAll(1024);
  mid.abort(new Error('deadline passed'));
  await assert.rejects(failed, /deadline passed/);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(closed, 2, 'both upstream requests saw their connection close');
});

test('first-byte and idle timeouts surface as undici errors with their codes', async (t) => {
  const up = await upstream((req, res) => {
    if (req.url === '/v1/chat?silent') return;
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('data: 1\n\n'); // then silence
  });
  t.after(up.close);
  const short = { ...timeouts, firstByteMs: 100, idleMs: 100 };
  await assert.rejects(exchangeUpstream(up.ep, { ...call(undefined, short), path: '/chat?silent' }), { code: 'UND_ERR_HEADERS_TIMEOUT' });
  const r = await exchangeUpstream(up.ep, call(undefined, short));
  await assert.rejects(r.body.readAll(1024), { code: 'UND_ERR_BODY_TIMEOUT' });
});

test('a destroyed body closes its connection; the pool serves the next exchange on a new one', async (t) => {
  let closed = 0;
  const up = await upstream((req, res) => {
    res.on('close', () => closed++);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    if (req.url === '/v1/chat?endless') res.write('data: 1\n\n');
    else res.end('data: [DONE]\n\n');
  });
  t.after(up.close);
  const r = await exchangeUpstream(up.ep, { ...call(), path: '/chat?endless' });
  r.body.destroy();
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(closed, 1);
  const next = await exchangeUpstream(up.ep, call());
  assert.equal(await next.body.readText(1024), 'data: [DONE]\n\n');
  assert.equal(up.connections(), 2);
});

test('past the pool size a request waits for a connection, then fails with pool saturation when the queue is full or the wait ends', async (t) => {
  const held: ServerResponse[] = [];
  let seen = 0;
  const up = await upstream((req, res) => {
    seen++;
    if (req.url === '/v1/chat?hold') held.push(res);
    else res.end('{}');
  }, { maxInFlight: 1, queueMax: 1, waitMs: 60_000 });
  t.after(up.close);
  const first = exchangeUpstream(up.ep, { ...call(), path: '/chat?hold' });
  await waitFor(() => held.length === 1);
  const queued = exchangeUpstream(up.ep, call());
  await assert.rejects(exchangeUpstream(up.ep, call()), (err: Error & { code?: string }) => {
    assert.equal(err.code, POOL_SATURATED);
    assert.match(err.message, /provider test's connection pool is saturated: all 1 connections are busy and 1 requests are already waiting/);
    return true;
  });
  assert.equal(up.ep.gate.queued, 1);
  held[0].end('{}');
  await (await first).body.readAll(1024);
  assert.equal((await queued).statusCode, 200, 'the queued request got the freed connection');
  assert.equal(seen, 2, 'the refused request never reached the upstream');

  const short = await upstream((_req, res) => void held.push(res), { maxInFlight: 1, queueMax: 10, waitMs: 30 });
  t.after(short.close);
  void exchangeUpstream(short.ep, call()).catch(() => {});
  await assert.rejects(exchangeUpstream(short.ep, call()), /no connection became free within \d+ ms/);
  assert.equal(short.ep.gate.queued, 0);
});

test('a request aborted while it waits for a connection rejects with the reason and never reaches the upstream', async (t) => {
  const held: ServerResponse[] = [];
  const up = await upstream((_req, res) => void held.push(res), { maxInFlight: 1, queueMax: 10, waitMs: 60_000 });
  t.after(up.close);
  void exchangeUpstream(up.ep, call()).catch(() => {});
  await waitFor(() => held.length === 1);
  const ctrl = new AbortController();
  const waiting = exchangeUpstream(up.ep, call(ctrl.signal));
  assert.equal(up.ep.gate.queued, 1);
  ctrl.abort(new Error('client left'));
  await assert.rejects(waiting, /client left/);
  assert.equal(up.ep.gate.queued, 0);
  held[0].end('{}');
  await waitFor(() => up.ep.gate.running === 0);
  assert.equal(held.length, 1);
});

async function waitFor(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 5));
}
