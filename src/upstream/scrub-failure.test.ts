import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SecretScrubber } from '../observability/secret-scrubber.ts';
import { HttpError } from '../server/http-error.ts';
import { scrubFailure } from './scrub-failure.ts';
import type { UpstreamFailure } from './upstream-failure.ts';

const KEY = 'upstream-key-0123456789';
const scrubber = new SecretScrubber([KEY]);

test('message, type, code and param are all scrubbed; status, headers and the rest are kept', () => {
  const f: UpstreamFailure = {
    errorClass: 'rate_limited', action: 'failover', upstreamStatus: 429, retryAfterMs: 2000,
    clientError: new HttpError(429, `t-${KEY}`, KEY, `key ${KEY} over quota`, { param: KEY, headers: { 'retry-after': '2' } }),
  };
  const s = scrubFailure(f, scrubber);
  assert.deepEqual([s.clientError.message, s.clientError.type, s.clientError.code, s.clientError.param], ['key <redacted> over quota', 't-<redacted>', '<redacted>', '<redacted>']);
  assert.equal(s.clientError.status, 429);
  assert.deepEqual(s.clientError.headers, { 'retry-after': '2' });
  assert.ok(s.clientError instanceof HttpError);
  assert.deepEqual([s.errorClass, s.action, s.upstreamStatus, s.retryAfterMs], ['rate_limited', 'failover', 429, 2000]);
});

test('a clean failure is returned as it is', () => {
  const f: UpstreamFailure = { errorClass: 'upstream_error', action: 'failover', clientError: new HttpError(502, 'upstream_error', 'upstream_server_error', 'provider p returned HTTP 500') };
  assert.equal(scrubFailure(f, scrubber), f);
});
