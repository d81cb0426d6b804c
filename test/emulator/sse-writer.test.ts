import assert from 'node:assert/strict';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { formatSseFrame, openEventStream, writeFrame } from './sse-writer.ts';

describe('formatSseFrame', () => {
  it('frames single-line data, multi-line data and named events', () => {
    assert.equal(formatSseFrame('{"a":1}'), 'data: {"a":1}\n\n');
    assert.equal(formatSseFrame('one\ntwo\r\nthree'), 'data: one\ndata: two\ndata: three\n\n');
    assert.equal(formatSseFrame('x', 'ping'), 'event: ping\ndata: x\n\n');
  });
});

describe('writeFrame', () => {
  it('waits for drain under backpressure and reports false once the client is gone', async () => {
    const first = formatSseFrame('x'.repeat(1024 * 1024));
    const huge = formatSseFrame('y'.repeat(64 * 1024 * 1024));
    const results: boolean[] = [];
    let resolveDone: () => void = () => {};
    const done = new Promise<void>((resolve) => (resolveDone = resolve));
    const server = createServer(async (_req, res) => {
      openEventStream(res, {});
      results.push(await writeFrame(res, first));
      results.push(await writeFrame(res, huge));
      results.push(await writeFrame(res, first));
      resolveDone();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const req = request({ port, host: '127.0.0.1', path: '/' }, (res) => {
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received < first.length) return;
        res.pause();
        setTimeout(() => req.destroy(), 50);
      });
    });
    req.on('error', () => {});
    req.end();
    await done;
    assert.deepEqual(results, [true, false, false]);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
