import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type Emulator } from '../server.ts';
import { readJson, sendSigned, TEST_AWS } from './bedrock-test-client.ts';

const req = { method: 'POST' as const, path: '/model/amazon.nova-lite-v1%3A0/converse', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'hi' }] }] }) };

async function rejection(res: Response): Promise<[number, string | undefined, string]> {
  return [res.status, res.headers.get('x-amzn-errortype')?.split(':')[0], (await readJson<{ message: string }>(res)).message];
}

describe('bedrock emulator: SigV4 verification', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ provider: 'bedrock', aws: TEST_AWS, quiet: true });
  });
  after(() => emu.close());

  it('accepts a request signed with the configured credentials (with or without a session token)', async () => {
    assert.equal((await sendSigned(emu.url, req)).status, 200);
    assert.equal((await sendSigned(emu.url, req, { aws: { ...TEST_AWS, sessionToken: 'tok' } as typeof TEST_AWS })).status, 200);
  });

  it('rejects a wrong secret with 403 InvalidSignatureException', async () => {
    const [status, type, message] = await rejection(await sendSigned(emu.url, req, { aws: { ...TEST_AWS, secretAccessKey: 'wrong' } }));
    assert.deepEqual([status, type], [403, 'InvalidSignatureException']);
    assert.match(message, /signature we calculated does not match/);
  });

  it('rejects an unknown access key with 403 UnrecognizedClientException', async () => {
    assert.deepEqual((await rejection(await sendSigned(emu.url, req, { aws: { ...TEST_AWS, accessKeyId: 'AKIDOTHER' } }))).slice(0, 2), [403, 'UnrecognizedClientException']);
  });

  it('rejects a body changed after signing, and a path changed after signing', async () => {
    const body = await sendSigned(emu.url, req, { tamper: (r) => ({ ...r, body: r.body.replace('hi', 'ho'), headers: { ...r.headers } }) });
    assert.deepEqual((await rejection(body)).slice(0, 2), [403, 'InvalidSignatureException']);
    const path = await sendSigned(emu.url, req, { tamper: (r) => ({ ...r, path: '/model/amazon.nova-pro-v1%3A0/converse' }) });
    assert.deepEqual((await rejection(path)).slice(0, 2), [403, 'InvalidSignatureException']);
  });

  it('rejects a signature more than 5 minutes old', async () => {
    const [status, type, message] = await rejection(await sendSigned(emu.url, req, { now: Date.now() - 10 * 60 * 1000 }));
    assert.deepEqual([status, type], [403, 'InvalidSignatureException']);
    assert.match(message, /Signature expired/);
  });

  it('rejects an unsigned request with 403 MissingAuthenticationTokenException', async () => {
    const res = await fetch(emu.url + req.path, { method: 'POST', headers: req.headers, body: req.body });
    assert.deepEqual(await rejection(res), [403, 'MissingAuthenticationTokenException', 'Missing Authentication Token']);
  });

  it('answers an unknown operation with 404 UnknownOperationException', async () => {
    const res = await sendSigned(emu.url, { ...req, path: '/model/x/unknown' });
    assert.deepEqual((await rejection(res)).slice(0, 2), [404, 'UnknownOperationException']);
  });
});
