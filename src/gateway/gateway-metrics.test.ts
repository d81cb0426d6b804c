import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BreakerConfig } from '../config/types.ts';
import type { RecordWriter } from '../records/record-writer.ts';
import { TargetHealth } from '../router/target-health.ts';
import { newRequestContext } from '../data-plane/request-context.ts';
import { createGatewayMetrics, observeRequest } from './gateway-metrics.ts';

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

test('requests are counted per endpoint, model, provider and status, with their tokens and cost, however often the labels repeat', () => {
  const metrics = createGatewayMetrics(records, () => 0, new TargetHealth(breaker));
  const request = (status: number, provider: string | null, model = 'gpt-4o') => {
    const ctx = newRequestContext('id', 'chat.completions');
    Object.assign(ctx, { requestedModel: model, route: model, provider, status, usageSource: 'reported', costMicros: 5 });
    ctx.usage.inputUncached = 3;
    ctx.usage.outputText = 2;
    observeRequest(metrics, ctx, 20);
  };
  request(200, 'openai');
  request(200, 'openai');
  request(429, 'openai');
  request(200, 'azure');
  request(200, 'openai', 'say "hi"');
  const text = metrics.render();
  assert.match(text, /^switchyard_requests_total\{endpoint="chat.completions",model="gpt-4o",provider="openai",status="200"\} 2$/m);
  assert.match(text, /^switchyard_requests_total\{endpoint="chat.completions",model="gpt-4o",provider="openai",status="429"\} 1$/m);
  assert.match(text, /^switchyard_requests_total\{endpoint="chat.completions",model="gpt-4o",provider="azure",status="200"\} 1$/m);
  assert.match(text, /^switchyard_requests_total\{endpoint="chat.completions",model="say \\"hi\\"",provider="openai",status="200"\} 1$/m);
  assert.match(text, /^switchyard_tokens_total\{model="gpt-4o",direction="input"\} 12$/m);
  assert.match(text, /^switchyard_tokens_total\{model="gpt-4o",direction="output"\} 8$/m);
  assert.match(text, /^switchyard_cost_micros_total\{model="gpt-4o"\} 20$/m);
  assert.match(text, /^switchyard_request_duration_seconds_count\{endpoint="chat.completions"\} 5$/m);
});

test('the model label is the configured route: client-chosen names under a wildcard route and unrouted requests never add series', () => {
  const metrics = createGatewayMetrics(records, () => 0, new TargetHealth(breaker));
  for (let i = 0; i < 5000; i++) {
    const ctx = newRequestContext('id', 'chat.completions');
    Object.assign(ctx, { requestedModel: `openai/hostile-${i}-\u2028"}`, route: 'openai/*', provider: 'openai', status: 200 });
    observeRequest(metrics, ctx, 5);
    const unrouted = newRequestContext('id', 'chat.completions');
    Object.assign(unrouted, { requestedModel: null, status: 404 });
    observeRequest(metrics, unrouted, 1);
  }
  const text = metrics.render();
  assert.doesNotMatch(text, /hostile/);
  const series = text.split('\n').filter((l) => l.startsWith('switchyard_requests_total'));
  assert.deepEqual(series, [
    'switchyard_requests_total{endpoint="chat.completions",model="openai/*",provider="openai",status="200"} 5000',
    'switchyard_requests_total{endpoint="chat.completions",model="",provider="",status="404"} 5000',
  ]);
  assert.ok(text.length < 10_000, `the scrape stays small (${text.length} bytes)`);
});
