import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyBedrockError } from './classify-bedrock-error.ts';

const NS = ':http://internal.amazon.com/coral/com.amazon.bedrock/';
const classify = (status: number, type: string | undefined, message: string, headers: Record<string, string> = {}) =>
  classifyBedrockError(status, { ...(type ? { 'x-amzn-errortype': `${type}${NS}` } : {}), ...headers }, JSON.stringify({ message }), 'bedrock-east');

describe('classifyBedrockError', () => {
  it('returns validation errors to the client, and input-too-long as context_length_exceeded', () => {
    const v = classify(400, 'ValidationException', 'The provided model identifier is invalid.');
    assert.deepEqual([v.errorClass, v.action, v.clientError.status, v.clientError.code, v.clientError.message], ['invalid_request', 'return', 400, 'upstream_invalid_request', 'The provided model identifier is invalid.']);
    for (const msg of ['Input is too long for requested model.', 'prompt is too long: 210000 tokens > 200000 maximum', 'Too many input tokens. Max input tokens: 8192']) {
      const c = classify(400, 'ValidationException', msg);
      assert.deepEqual([c.action, c.clientError.status, c.clientError.code], ['return', 400, 'context_length_exceeded'], msg);
    }
  });

  it('treats credential and model-access errors as the gateway fault, without the upstream text', () => {
    for (const type of ['AccessDeniedException', 'UnrecognizedClientException', 'InvalidSignatureException', 'ExpiredTokenException']) {
      const c = classify(403, type, 'secret-ish upstream text');
      assert.deepEqual([c.errorClass, c.action, c.clientError.status, c.clientError.code], ['upstream_auth', 'failover', 502, 'upstream_auth_failed'], type);
      assert.doesNotMatch(c.clientError.message, /secret-ish/);
    }
  });

  it('fails over on throttling (429) with retry-after, timeouts (504) and server faults (502)', () => {
    for (const [status, type] of [[429, 'ThrottlingException'], [429, 'ModelNotReadyException'], [400, 'ServiceQuotaExceededException']] as const) {
      const c = classify(status, type, 'slow down', { 'retry-after': '3' });
      assert.deepEqual([c.errorClass, c.action, c.clientError.status, c.retryAfterMs, c.clientError.headers], ['rate_limited', 'failover', 429, 3000, { 'retry-after': '3' }], type);
    }
    const t = classify(408, 'ModelTimeoutException', 'timed out');
    assert.deepEqual([t.errorClass, t.action, t.clientError.status], ['upstream_timeout', 'failover', 504]);
    const i = classify(500, 'InternalServerException', 'oops');
    assert.deepEqual([i.errorClass, i.action, i.clientError.status, i.clientError.code], ['upstream_error', 'failover', 502, 'upstream_server_error']);
    const m = classify(424, 'ModelErrorException', 'model failed');
    assert.deepEqual([m.errorClass, m.action], ['upstream_error', 'failover']);
    const u = classify(503, 'ServiceUnavailableException', 'down');
    assert.deepEqual([u.errorClass, u.action, u.clientError.code], ['upstream_unavailable', 'failover', 'upstream_unavailable']);
  });

  it('maps ResourceNotFoundException to 404 model_not_found', () => {
    const c = classify(404, 'ResourceNotFoundException', 'Could not resolve the foundation model from the provided model identifier.');
    assert.deepEqual([c.errorClass, c.action, c.clientError.status, c.clientError.code], ['not_found', 'return', 404, 'model_not_found']);
  });

  it('reads the type from the body __type when the header is missing, and falls back to the status', () => {
    const c = classifyBedrockError(400, {}, JSON.stringify({ __type: 'com.amazon.coral.availability#ThrottlingException', message: 'Rate exceeded' }), 'p');
    assert.equal(c.errorClass, 'rate_limited');
    const bare = classifyBedrockError(502, {}, 'Bad Gateway', 'p');
    assert.deepEqual([bare.errorClass, bare.action], ['upstream_error', 'failover']);
  });
});
