import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyMistralError } from './classify-mistral-error.ts';

const body = (o: unknown) => JSON.stringify(o);

test('401/403 fail over as the gateway credential problem without Mistral text', () => {
  for (const status of [401, 403]) {
    const f = classifyMistralError('mis', status, {}, body({ message: 'Unauthorized', request_id: 'r1' }));
    assert.equal(f.errorClass, 'upstream_auth');
    assert.equal(f.action, 'failover');
    assert.equal(f.clientError.status, 502);
    assert.equal(f.clientError.code, 'upstream_auth_failed');
    assert.doesNotMatch(f.clientError.message, /Unauthorized/);
  }
});

test('429 is rate limited with retry-after; 5xx fail over', () => {
  const f = classifyMistralError('mis', 429, { 'retry-after': '2' }, body({ object: 'error', message: 'Requests rate limit exceeded', type: 'rate_limited', param: null, code: '1300' }));
  assert.equal(f.errorClass, 'rate_limited');
  assert.equal(f.retryAfterMs, 2000);
  assert.equal(f.clientError.status, 429);
  assert.deepEqual(f.clientError.headers, { 'retry-after': '2' });
  assert.match(f.clientError.message, /Requests rate limit exceeded/);
  const s = classifyMistralError('mis', 503, {}, body({ object: 'error', message: 'Service unavailable', type: 'service_unavailable' }));
  assert.deepEqual([s.errorClass, s.action, s.clientError.code], ['upstream_unavailable', 'failover', 'upstream_unavailable']);
  const e = classifyMistralError('mis', 500, {}, 'oops');
  assert.deepEqual([e.errorClass, e.action, e.clientError.status], ['upstream_error', 'failover', 502]);
});

test('422 validation details (wrapped in message or bare) return to the client with the field named', () => {
  const detail = [{ type: 'extra_forbidden', loc: ['body', 'max_completion_tokens'], msg: 'Extra inputs are not permitted', input: 5 }];
  for (const payload of [{ object: 'error', message: { detail }, type: 'invalid_request_error', param: null, code: null }, { detail }]) {
    const f = classifyMistralError('mis', 422, {}, body(payload));
    assert.deepEqual([f.errorClass, f.action, f.clientError.status, f.clientError.code, f.clientError.param],
      ['invalid_request', 'return', 422, 'upstream_invalid_request', 'max_completion_tokens']);
    assert.equal(f.clientError.message, 'max_completion_tokens: Extra inputs are not permitted');
  }
});

test('context too long gets context_length_exceeded; invalid_model and 404 are model_not_found', () => {
  const ctx = classifyMistralError('mis', 400, {}, body({ object: 'error', message: 'Prompt contains 40000 tokens and 0 draft tokens, too large for model with 32768 maximum context length', type: 'invalid_request_error', param: null, code: '3051' }));
  assert.deepEqual([ctx.errorClass, ctx.clientError.status, ctx.clientError.code, ctx.clientError.param], ['invalid_request', 400, 'context_length_exceeded', 'messages']);
  const model = classifyMistralError('mis', 400, {}, body({ object: 'error', message: 'Invalid model: nope', type: 'invalid_model', param: null, code: '1500' }));
  assert.deepEqual([model.errorClass, model.clientError.status, model.clientError.code], ['not_found', 404, 'model_not_found']);
  const nf = classifyMistralError('mis', 404, {}, body({ detail: 'Not Found' }));
  assert.deepEqual([nf.errorClass, nf.clientError.message], ['not_found', 'Not Found']);
});
