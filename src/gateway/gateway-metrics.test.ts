import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BreakerConfig } from '../config/types.ts';
import type { RecordWriter } from '../records/record-writer.ts';
import { TargetHealth } from '../router/target-health.ts';
import { createGatewayMetrics } from './gateway-metrics.ts';

const breaker: BreakerConfig = { consecutiveFailures: 5, errorRate: 0.5, minRequests: 20, windowMs: 60_000, openMs: 30_000, maxOpenMs: 300_000 };
const records = { getStats: () => ({ queued: 0, written: 7, dropped: 0 }) } as unknown as RecordWriter;

test('the scrape holds the gateway series and the per-target series, read at scrape time', () => {
  const health = new TargetHealth(breaker);
  const metrics = createGatewayMetrics(records, () => 3, health);
  assert.doesNotMatch(metrics.render(), /switchyard_target_in_flight\{/);
  const ticket = health.begin('openai/gpt-4o')!;
  const text = metrics.render();
  assert.match(text, /^switchyard_in_flight_requests 3$/m);
  assert.match(text, /^switchyard_records_written 7$/m);
  assert.match(text, /^switchyard_target_in_flight\{target="openai\/gpt-4o"\} 1$/m);
  ticket.succeeded({ latencyMs: 5 });
  assert.match(metrics.render(), /^switchyard_upstream_attempts_total\{target="openai\/gpt-4o",outcome="ok"\} 1$/m);
});
