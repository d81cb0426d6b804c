import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDuration } from './parse-duration.ts';

test('parses durations with units', () => {
  assert.equal(parseDuration('30d'), 30 * 86_400_000);
  assert.equal(parseDuration('45m'), 45 * 60_000);
  assert.equal(parseDuration('1y'), 365 * 86_400_000);
});

test('rejects malformed durations with the accepted forms', () => {
  for (const bad of ['', '30', 'd', '0d', '-1d', '3x', '1.5h']) assert.throws(() => parseDuration(bad), /e\.g\. 45m/);
});
