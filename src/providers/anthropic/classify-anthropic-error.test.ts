import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyAnthropicError } from './classify-anthropic-error.ts';

const body = (type: string, message: string) => JSON.stringify({ type: 'error', error: { type, message }, request_id: 'req_1' });

describe('classifyAnthropicError', () => {
  it('returns client errors in Anthropic words', () => {
    const f = classifyAnthropicError('claude', 400, {}, body('invalid_request_error', 'messages: field required'));
    assert.equal(f.action, 'return');
    assert.equal(f.errorClass, 'invalid_request');
    assert.deepEqual([f.clientError.status, f.clientError.type, f.clientError.code, f.clientError.message],
      [400, 'invalid_request_error', 'upstream_invalid_request', 'messages: field required']);
  });

  it('gives a too-long prompt the context_length_exceeded code', () => {
    const f = classifyAnthropicError('claude', 400, {}, body('invalid_request_error', 'prompt is too long: 208310 tokens > 200000 maximum'));
    assert.equal(f.action, 'return');
    assert.equal(f.clientError.code, 'context_length_exceeded');
    assert.equal(f.clientError.message, 'prompt is too long: 208310 tokens > 200000 maximum');
  });

  it('returns 404 and 413 with their status', () => {
    const nf = classifyAnthropicError('claude', 404, {}, body('not_found_error', 'model: claude-x'));
    assert.deepEqual([nf.errorClass, nf.action, nf.clientError.status, nf.clientError.type], ['not_found', 'return', 404, 'not_found_error']);
    const big = classifyAnthropicError('claude', 413, {}, body('request_too_large', 'Request exceeds the maximum size'));
    assert.deepEqual([big.action, big.clientError.status, big.clientError.code], ['return', 413, 'request_too_large']);
  });

  it('fails over on auth, billing and permission errors without leaking the upstream text', () => {
    for (const [status, type] of [[401, 'authentication_error'], [403, 'permission_error'], [402, 'billing_error']] as const) {
      const f = classifyAnthropicError('claude', status, {}, body(type, 'invalid x-api-key sk-ant-secret'));
      assert.equal(f.action, 'failover');
      assert.equal(f.errorClass, 'upstream_auth');
      assert.equal(f.clientError.status, 502);
      assert.doesNotMatch(f.clientError.message, /sk-ant/);
    }
  });

  it('fails over on 429 with retry-after', () => {
    const f = classifyAnthropicError('claude', 429, { 'retry-after': '7' }, body('rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'));
    assert.deepEqual([f.errorClass, f.action, f.retryAfterMs, f.clientError.status], ['rate_limited', 'failover', 7000, 429]);
    assert.deepEqual(f.clientError.headers, { 'retry-after': '7' });
  });

  it('fails over on 500 api_error and 529 overloaded_error', () => {
    const api = classifyAnthropicError('claude', 500, {}, body('api_error', 'Internal server error'));
    assert.deepEqual([api.errorClass, api.action, api.clientError.status, api.clientError.code], ['upstream_error', 'failover', 502, 'upstream_server_error']);
    const over = classifyAnthropicError('claude', 529, { 'retry-after': '2' }, body('overloaded_error', 'Overloaded'));
    assert.deepEqual([over.errorClass, over.action, over.retryAfterMs, over.clientError.status, over.clientError.code], ['upstream_unavailable', 'failover', 2000, 503, 'upstream_overloaded']);
    assert.match(over.clientError.message, /HTTP 529 overloaded_error: Overloaded/);
  });

  it('copes with a body that is not JSON', () => {
    const f = classifyAnthropicError('claude', 400, {}, '<html>bad</html>');
    assert.equal(f.clientError.message, 'provider claude rejected the request (HTTP 400)');
  });
});
