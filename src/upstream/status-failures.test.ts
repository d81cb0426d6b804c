import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rateLimitedFailure, serverFaultFailure, upstreamAuthFailure } from './status-failures.ts';

test('auth failures fail over and blame the gateway, never quoting the provider', () => {
  const f = upstreamAuthFailure('p', 401);
  assert.deepEqual([f.errorClass, f.action, f.clientError.status, f.clientError.code], ['upstream_auth', 'failover', 502, 'upstream_auth_failed']);
  assert.match(f.clientError.message, /operator must check that provider's api_key/);
});

test('rate limiting carries Retry-After from headers, or an explicit override', () => {
  const f = rateLimitedFailure('p', 429, { 'retry-after': '2' }, 'slow down');
  assert.deepEqual([f.retryAfterMs, f.clientError.status, f.clientError.headers], [2000, 429, { 'retry-after': '2' }]);
  assert.match(f.clientError.message, /slow down/);
  assert.equal(rateLimitedFailure('p', 429, {}, undefined, 1500).clientError.headers?.['retry-after'], '2');
  assert.deepEqual(rateLimitedFailure('p', 429, {}).clientError.headers, {});
});

test('server faults: 503 unavailable, 504 timeout, others server errors; all fail over', () => {
  const cases = [[500, 'upstream_error', 502, 'upstream_server_error'], [503, 'upstream_unavailable', 502, 'upstream_unavailable'], [504, 'upstream_timeout', 504, 'upstream_timeout']] as const;
  for (const [status, cls, clientStatus, code] of cases) {
    const f = serverFaultFailure('p', status, {}, 'boom', 'api_error');
    assert.deepEqual([f.errorClass, f.action, f.clientError.status, f.clientError.code], [cls, 'failover', clientStatus, code]);
    assert.equal(f.clientError.message, `provider p returned HTTP ${status} api_error: boom`);
  }
});
