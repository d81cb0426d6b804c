import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InboundCodec } from '../inbound/inbound-codec.ts';
import type { Logger } from '../observability/logger.ts';
import type { DataPlaneDeps } from './data-plane-deps.ts';
import { handleDataPlane } from './handle-data-plane.ts';

/**
 * The data-plane entry never rejects, whatever fails around a request: here the endpoint's error encoder
 * throws while a bad key is refused, and, for an authenticated request, the handler, the error encoder and
 * the record hook all throw.
 */
test('handleDataPlane settles, answers and logs even when its error encoder and record hook throw', async () => {
  const errors: string[] = [];
  const authFailures: string[] = [];
  const ignore = () => {};
  const log: Logger = { debug: ignore, info: ignore, warn: ignore, error: (msg) => errors.push(msg) };
  const throwingCodec = { api: 'openai-chat', errorBody: () => { throw new Error('encoder bug'); } } as unknown as InboundCodec;
  const goodSecret = `sk-sy-${'a'.repeat(43)}`;
  const key = { id: 'k1', prefix: 'sk-sy-aaaa', models: null, revokedAt: null, expiresAt: null };
  const deps = {
    keys: { lookupSecret: (secret: string) => (secret === goodSecret ? key : undefined) },
    runtime: () => ({ scrubber: { scrub: (text: string) => text } }),
    log,
    codecs: { 'openai-chat': throwingCodec },
    onAuthFailure: (reason: string) => authFailures.push(reason),
    onFinish: () => { throw new Error('record hook bug'); },
  } as unknown as DataPlaneDeps;
  const settled: Array<Promise<void>> = [];
  const server = createServer((req, res) => settled.push(handleDataPlane(req, res, '/v1/chat/completions', deps)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const post = (secret: string) => fetch(`http://127.0.0.1:${port}/v1/chat/completions`, { method: 'POST', headers: { authorization: `Bearer ${secret}` }, body: '{}', signal: AbortSignal.timeout(30_000) });

    const refused = await post('sk-sy-nope');
    assert.equal(refused.status, 500);
    assert.ok(refused.headers.get('x-request-id'));
    assert.match(await refused.text(), /internal_error/);
    await Promise.all(settled);
    assert.deepEqual(errors, ['could not write an error response']);
    assert.deepEqual(authFailures, ['malformed_api_key']);

    errors.length = 0;
    const failed = await post(goodSecret);
    assert.equal(failed.status, 500);
    assert.match(await failed.text(), /internal_error/);
    await Promise.all(settled);
    assert.deepEqual(errors, ['unhandled error in data plane', 'could not write an error response', 'could not record a finished request']);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
