import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ProviderConfig } from '../../config/types.ts';
import type { SignContext, UpstreamRequest } from '../provider-adapter.ts';
import { signAwsSigV4 } from './sign-aws-sigv4.ts';
import { signBedrockRequest } from './sign-bedrock-request.ts';

const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);
const ctx: SignContext = { now: () => NOW, cache: new Map(), fetchJson: () => Promise.reject(new Error('unused')) };
const aws = { accessKeyId: 'AKIDTEST', secretAccessKey: 'top/secret', sessionToken: 'session-token' };
const provider = (over: Partial<ProviderConfig> = {}) => ({ id: 'br', type: 'bedrock', baseUrl: 'https://bedrock-runtime.eu-west-1.amazonaws.com', region: 'eu-west-1', aws, headers: {}, ...over }) as ProviderConfig;
const req: UpstreamRequest = { method: 'POST', path: '/model/m%3A0/converse', headers: { 'content-type': 'application/json' }, body: '{"messages":[]}' };

describe('signBedrockRequest', () => {
  it('signs host, path and body of the final request for service bedrock in the configured region', () => {
    const signed = signBedrockRequest(req, provider(), ctx);
    const expected = signAwsSigV4({ method: 'POST', host: 'bedrock-runtime.eu-west-1.amazonaws.com', path: '/model/m%3A0/converse', headers: req.headers, body: req.body }, { service: 'bedrock', region: 'eu-west-1', credentials: aws, now: NOW });
    assert.deepEqual(signed.headers, { ...req.headers, ...expected.headers });
    assert.equal(signed.headers['x-amz-date'], '20260102T030405Z');
    assert.equal(signed.headers['x-amz-security-token'], 'session-token');
    assert.match(signed.headers.authorization, /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/20260102\/eu-west-1\/bedrock\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/);
    assert.deepEqual({ ...signed, headers: undefined }, { ...req, headers: undefined });
  });

  it('includes a non-default port in the host and the base URL path in the signed path', () => {
    const signed = signBedrockRequest(req, provider({ baseUrl: 'http://127.0.0.1:4010/proxy/' }), ctx);
    const expected = signAwsSigV4({ method: 'POST', host: '127.0.0.1:4010', path: '/proxy/model/m%3A0/converse', headers: req.headers, body: req.body }, { service: 'bedrock', region: 'eu-west-1', credentials: aws, now: NOW });
    assert.equal(signed.headers.authorization, expected.headers.authorization);
  });

  it('fails without credentials or region, never echoing a secret', () => {
    assert.throws(() => signBedrockRequest(req, provider({ aws: undefined }), ctx), /provider br has no aws access_key_id/);
    assert.throws(() => signBedrockRequest(req, provider({ region: undefined }), ctx), (e: Error) => /no region/.test(e.message) && !e.message.includes('top/secret'));
  });
});
