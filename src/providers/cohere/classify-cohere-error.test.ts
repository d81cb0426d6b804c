import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyCohereError } from './classify-cohere-error.ts';

const body = (message: string) => JSON.stringify({ id: 'e1', message });

test('401, 403 and 498 are the gateway credential problem; 402 is the gateway account', () => {
  for (const status of [401, 403, 498]) {
    const f = classifyCohereError('co', status, {}, body('invalid api token'));
    assert.deepEqual([f.errorClass, f.action, f.clientError.status, f.clientError.code], ['upstream_auth', 'failover', 502, 'upstream_auth_failed']);
    assert.doesNotMatch(f.clientError.message, /invalid api token/);
  }
  const pay = classifyCohereError('co', 402, {}, body('Please add a payment method'));
  assert.deepEqual([pay.errorClass, pay.action, pay.clientError.code], ['upstream_auth', 'failover', 'upstream_payment_required']);
});

test('429 is rate limited with retry-after; 499 and 5xx fail over', () => {
  const f = classifyCohereError('co', 429, { 'retry-after': '3' }, body('You are using a Trial key'));
  assert.deepEqual([f.errorClass, f.retryAfterMs, f.clientError.status, f.clientError.headers], ['rate_limited', 3000, 429, { 'retry-after': '3' }]);
  assert.match(f.clientError.message, /Trial key/);
  for (const [status, cls, clientStatus] of [[499, 'upstream_error', 502], [500, 'upstream_error', 502], [503, 'upstream_unavailable', 502], [504, 'upstream_timeout', 504]] as const) {
    const s = classifyCohereError('co', status, {}, body('x'));
    assert.deepEqual([s.errorClass, s.action, s.clientError.status], [cls, 'failover', clientStatus]);
  }
});

test('a too-long prompt is context_length_exceeded; other 4xx return in Cohere words', () => {
  const ctx = classifyCohereError('co', 400, {}, body('too many tokens: total number of tokens in the prompt cannot exceed 128000 - received 130000.'));
  assert.deepEqual([ctx.errorClass, ctx.action, ctx.clientError.status, ctx.clientError.code, ctx.clientError.param], ['invalid_request', 'return', 400, 'context_length_exceeded', 'messages']);
  const bad = classifyCohereError('co', 400, {}, body('invalid request: unknown field: parameter top_p is not a valid field'));
  assert.deepEqual([bad.clientError.code, bad.clientError.message], ['upstream_invalid_request', 'invalid request: unknown field: parameter top_p is not a valid field']);
  const nf = classifyCohereError('co', 404, {}, body("model 'x' not found"));
  assert.deepEqual([nf.errorClass, nf.clientError.status, nf.clientError.code], ['not_found', 404, 'model_not_found']);
  assert.equal(classifyCohereError('co', 422, {}, 'not json').clientError.status, 422);
});
