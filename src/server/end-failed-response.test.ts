import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../observability/logger.ts';
import { endFailedResponse } from './end-failed-response.ts';
import { HttpError, sendError } from './http-error.ts';

function recordingLogger(): { log: Logger; errors: string[] } {
  const errors: string[] = [];
  const ignore = () => {};
  return { errors, log: { debug: ignore, info: ignore, warn: ignore, error: (msg) => errors.push(msg) } };
}

/** Serves one request with `handle` and returns what the client got: a response, or the socket error. */
async function serveOnce(handle: (res: ServerResponse) => void): Promise<{ status?: number; headers?: Record<string, unknown>; body?: string; error?: string }> {
  const server = createServer((_req, res) => handle(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve) => {
      const req = request({ port, host: '127.0.0.1', path: '/' }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
        res.on('error', (e) => resolve({ status: res.statusCode, error: e.message }));
      });
      req.on('error', (e) => resolve({ error: e.message }));
      req.end();
    });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const badRequest = new HttpError(400, 'invalid_request_error', 'invalid_model_name', 'bad name');

test('the endpoint writer answers when it can', async () => {
  const { log, errors } = recordingLogger();
  const got = await serveOnce((res) => endFailedResponse(res, () => sendError(res, badRequest, { 'x-request-id': 'r1' }), { 'x-request-id': 'r1' }, log, 'r1'));
  assert.equal(got.status, 400);
  assert.equal(got.headers?.['x-request-id'], 'r1');
  assert.match(got.body ?? '', /invalid_model_name/);
  assert.deepEqual(errors, []);
});

test('a writer that throws on a header gets a logged, bare 500 without that header, instead of a throw', async () => {
  const { log, errors } = recordingLogger();
  let threw = false;
  const got = await serveOnce((res) => {
    try {
      endFailedResponse(res, () => sendError(res, badRequest, { 'x-switchyard-model': 'evil\r\nx-injected: 1' }), { 'x-request-id': 'r2' }, log, 'r2');
    } catch {
      threw = true;
    }
  });
  assert.equal(threw, false);
  assert.equal(got.status, 500);
  assert.equal(got.headers?.['x-request-id'], 'r2');
  assert.equal(got.headers?.['x-injected'], undefined);
  assert.match(got.body ?? '', /internal_error/);
  assert.deepEqual(errors, ['could not write an error response']);
});

test('a response already started is cut, never given a second set of headers', async () => {
  const { log } = recordingLogger();
  const got = await serveOnce((res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write('data: {"partial":true}\n\n');
    endFailedResponse(res, () => sendError(res, badRequest), {}, log, 'r3');
  });
  assert.ok(got.error !== undefined, 'the client sees the connection cut, not a clean end');
  assert.notEqual(got.status, 400);
});
