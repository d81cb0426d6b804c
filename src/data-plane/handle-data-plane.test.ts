import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InboundCodec } from '../inbound/inbound-codec.ts';
import type { Logger } from '../observability/logger.ts';
import type { DataPlaneDeps } from './data-plane-deps.ts';
import { handleDataPlane } from './handle-data-plane.ts';

/**
 * The data-plane entry never rejects, whatever fails around a request: here the record hook and the
 * endpoint's error encoder both throw while a bad key is refused.
 */
test('handleDataPlane settles, answers and logs even when its error encoder and record hook throw', async () => {
  const errors: string[] = [];
  const ignore = () => {};
  const log: Logger = { debug: ignore, info: ignore, warn: ignore, error: (msg) => errors.push(msg) };
  const throwingCodec = { api: 'openai-chat', errorBody: () => { throw new Error('encoder bug'); } } as unknown as InboundCodec;
  const deps = {
    keys: { lookupSecret: () => undefined },
    log,
    codecs: { 'openai-chat': throwingCodec },
    onFinish: () => { throw new Error('record hook bug'); },
  } as unknown as DataPlaneDeps;
  const settled: Array<Promise<void>> = [];
  const server = createServer((req, res) => settled.push(handleDataPlane(req, res, '/v1/chat/completions', deps)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, { method: 'POST', headers: { authorization: 'Bearer sk-sy-nope' }, body: '{}', signal: AbortSignal.timeout(30_000) });
    assert.equal(res.status, 500);
    assert.ok(res.headers.get('x-request-id'));
    assert.match(await res.text(), /internal_error/);
    await Promise.all(settled);
    assert.deepEqual(errors, ['could not write an error response', 'could not record a finished request']);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
