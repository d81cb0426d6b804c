import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EmulatedProvider } from './provider-routes.ts';
import { startEmulator } from './server.ts';

/** What each provider answers for a path it does not serve, in its own error envelope. */
const EXPECTED: Record<EmulatedProvider, (method: string, path: string) => unknown> = {
  openai: (method, path) => ({ error: { message: `Invalid URL (${method} ${path})`, type: 'invalid_request_error', param: null, code: null } }),
  'azure-openai': () => ({ error: { code: '404', message: 'Resource not found' } }),
  anthropic: () => ({ type: 'error', error: { type: 'not_found_error', message: 'Not Found' }, request_id: 'req_emu1' }),
  gemini: () => ({ error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } }),
  vertex: () => ({ error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } }),
  bedrock: () => ({ message: 'Unknown operation.' }),
  mistral: () => ({ object: 'error', message: 'Not Found', type: 'invalid_request_error', param: null, code: null }),
  cohere: () => ({ id: '00000000-0000-4000-8000-000000000001', message: 'Not Found' }),
};

describe('unserved paths', () => {
  for (const [provider, expected] of Object.entries(EXPECTED) as Array<[EmulatedProvider, (m: string, p: string) => unknown]>) {
    it(`${provider}: 404 in the provider's own error shape`, async () => {
      const emulator = await startEmulator({ provider, quiet: true });
      try {
        // PUT: Azure and Bedrock route every GET/POST themselves; other methods reach the shared fallback.
        const res = await fetch(`${emulator.url}/v9/nowhere`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
        assert.equal(res.status, 404);
        assert.deepEqual(await res.json(), expected('PUT', '/v9/nowhere'));
        if (provider === 'bedrock') assert.match(res.headers.get('x-amzn-errortype') ?? '', /^UnknownOperationException:/);
        assert.equal(emulator.log.last()?.outcome, 'error');
      } finally {
        await emulator.close();
      }
    });
  }

  it('a body that is not JSON on an unserved path is answered in the provider shape too', async () => {
    const emulator = await startEmulator({ provider: 'anthropic', quiet: true });
    try {
      const res = await fetch(`${emulator.url}/v1/nowhere`, { method: 'POST', body: '{not json' });
      assert.equal(res.status, 400);
      const body = (await res.json()) as { type: string; error: { type: string } };
      assert.deepEqual([body.type, body.error.type], ['error', 'invalid_request_error']);
    } finally {
      await emulator.close();
    }
  });
});
