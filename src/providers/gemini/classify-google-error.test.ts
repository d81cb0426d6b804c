import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyGoogleError } from './classify-google-error.ts';

const body = (code: number, status: string, message: string, details?: unknown[]) => JSON.stringify({ error: { code, message, status, ...(details ? { details } : {}) } });
const classify = (status: number, text: string, headers: Record<string, string> = {}) => classifyGoogleError('gem', status, headers, text, { setting: 'api_key' });

describe('classifyGoogleError', () => {
  it('treats a rejected API key (400 API_KEY_INVALID), 401 and 403 as the gateway credentials, without echoing Google', () => {
    const invalidKey = body(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key. key=AIzaSECRET', [
      { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
    ]);
    for (const [status, text] of [[400, invalidKey], [401, body(401, 'UNAUTHENTICATED', 'x')], [403, body(403, 'PERMISSION_DENIED', 'denied')]] as const) {
      const f = classify(status, text);
      assert.equal(f.errorClass, 'upstream_auth');
      assert.equal(f.action, 'failover');
      assert.equal(f.clientError.status, 502);
      assert.equal(f.clientError.code, 'upstream_auth_failed');
      assert.match(f.clientError.message, /provider gem rejected the gateway's credentials .*api_key/);
      assert.doesNotMatch(f.clientError.message, /AIza/);
    }
  });

  it('reads the retry delay of a 429 from RetryInfo, else from retry-after', () => {
    const f = classify(429, body(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded', [
      { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [] },
      { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '34.4s' },
    ]));
    assert.equal(f.errorClass, 'rate_limited');
    assert.equal(f.action, 'failover');
    assert.equal(f.retryAfterMs, 34_400);
    assert.equal(f.clientError.status, 429);
    assert.deepEqual(f.clientError.headers, { 'retry-after': '35' });
    assert.match(f.clientError.message, /Quota exceeded/);
    assert.equal(classify(429, body(429, 'RESOURCE_EXHAUSTED', 'x'), { 'retry-after': '3' }).retryAfterMs, 3000);
    assert.equal(classify(429, '[{"error":{"code":429,"status":"RESOURCE_EXHAUSTED"}}]').errorClass, 'rate_limited');
  });

  it('fails over on server faults and FAILED_PRECONDITION', () => {
    const cases: Array<[number, string, string, number, string]> = [
      [500, 'INTERNAL', 'upstream_error', 502, 'upstream_server_error'],
      [503, 'UNAVAILABLE', 'upstream_unavailable', 502, 'upstream_unavailable'],
      [504, 'DEADLINE_EXCEEDED', 'upstream_timeout', 504, 'upstream_timeout'],
      [400, 'FAILED_PRECONDITION', 'upstream_error', 502, 'upstream_server_error'],
    ];
    for (const [status, googleStatus, errorClass, clientStatus, code] of cases) {
      const f = classify(status, body(status, googleStatus, 'oops'));
      assert.equal(f.errorClass, errorClass, googleStatus);
      assert.equal(f.action, 'failover');
      assert.equal(f.clientError.status, clientStatus);
      assert.equal(f.clientError.code, code);
      assert.equal(f.clientError.message, `provider gem returned HTTP ${status} ${googleStatus}: oops`);
    }
  });

  it('recognizes a context-length 400', () => {
    const f = classify(400, body(400, 'INVALID_ARGUMENT', 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).'));
    assert.equal(f.errorClass, 'invalid_request');
    assert.equal(f.action, 'return');
    assert.equal(f.clientError.status, 400);
    assert.equal(f.clientError.code, 'context_length_exceeded');
  });

  it('returns other client errors in Google\'s words', () => {
    const bad = classify(400, body(400, 'INVALID_ARGUMENT', 'Invalid value at contents[0].role'));
    assert.deepEqual([bad.errorClass, bad.action, bad.clientError.status, bad.clientError.code, bad.clientError.message],
      ['invalid_request', 'return', 400, 'upstream_invalid_request', 'Invalid value at contents[0].role']);
    const missing = classify(404, body(404, 'NOT_FOUND', 'models/nope is not found for API version v1beta'));
    assert.deepEqual([missing.errorClass, missing.clientError.status, missing.clientError.code], ['not_found', 404, 'model_not_found']);
    const opaque = classify(400, '<html>bad</html>');
    assert.equal(opaque.clientError.message, 'provider gem rejected the request (HTTP 400)');
  });
});
