import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Metrics } from '../observability/metrics.ts';
import { AuthFailureMonitor } from './auth-failure-monitor.ts';

test('auth failures: counted per bounded reason, logged at most once per interval with the count since the last line', () => {
  const lines: Record<string, unknown>[] = [];
  const log = { debug() {}, info() {}, error() {}, warn: (_m: string, f?: Record<string, unknown>) => void lines.push(f ?? {}) };
  let now = 1_000;
  const metrics = new Metrics();
  const m = new AuthFailureMonitor(metrics, log, { logEveryMs: 10_000, now: () => now });
  m.note('invalid_api_key');
  for (let i = 0; i < 500; i++) m.note(i % 2 ? 'invalid_api_key' : 'missing_api_key');
  m.note('sk-sy-attacker-chosen-text');
  assert.equal(lines.length, 1, 'one line for the first failure, then silence within the interval');
  assert.deepEqual(lines[0], { count: 1, by_reason: { invalid_api_key: 1 }, next_report_after_ms: 10_000 });
  now += 10_000;
  m.note('expired_api_key');
  assert.equal(lines.length, 2);
  assert.deepEqual(lines[1].by_reason, { invalid_api_key: 250, missing_api_key: 250, other: 1, expired_api_key: 1 });
  assert.equal(lines[1].count, 502);
  const text = metrics.render();
  assert.match(text, /switchyard_auth_failures_total\{reason="invalid_api_key"\} 251/);
  assert.match(text, /switchyard_auth_failures_total\{reason="missing_api_key"\} 250/);
  assert.match(text, /switchyard_auth_failures_total\{reason="other"\} 1/);
  assert.doesNotMatch(text, /attacker/);
});
