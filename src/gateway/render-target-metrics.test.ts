import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BreakerConfig } from '../config/types.ts';
import { TargetHealth } from '../router/target-health.ts';
import { renderTargetMetrics } from './render-target-metrics.ts';

const breaker: BreakerConfig = { consecutiveFailures: 2, errorRate: 0.5, minRequests: 20, windowMs: 60_000, openMs: 30_000, maxOpenMs: 300_000 };

test('renders breaker state, in-flight and attempt outcomes per target', () => {
  const clock = { now: 1_000_000 };
  const health = new TargetHealth(breaker, () => clock.now);
  health.begin('openai/gpt-4o')!.succeeded({ latencyMs: 10 });
  health.begin('openai/gpt-4o');
  health.begin('anthropic/claude')!.failed('upstream_timeout');
  health.begin('anthropic/claude')!.failed('upstream_timeout');
  health.begin('bedrock/x')!.failed('upstream_error');
  health.begin('bedrock/x')!.failed('upstream_error');
  clock.now += 30_000;
  health.begin('bedrock/x');
  const lines = renderTargetMetrics(health).trimEnd().split('\n');
  const series = lines.filter((l) => !l.startsWith('#'));
  assert.deepEqual(series, [
    'switchyard_target_breaker_state{target="openai/gpt-4o"} 0',
    'switchyard_target_breaker_state{target="anthropic/claude"} 1',
    'switchyard_target_breaker_state{target="bedrock/x"} 1',
    'switchyard_target_in_flight{target="openai/gpt-4o"} 1',
    'switchyard_target_in_flight{target="anthropic/claude"} 0',
    'switchyard_target_in_flight{target="bedrock/x"} 1',
    'switchyard_upstream_attempts_total{target="openai/gpt-4o",outcome="ok"} 1',
    'switchyard_upstream_attempts_total{target="anthropic/claude",outcome="upstream_timeout"} 2',
    'switchyard_upstream_attempts_total{target="bedrock/x",outcome="upstream_error"} 2',
  ]);
  assert.ok(lines.includes('# TYPE switchyard_target_breaker_state gauge'));
  assert.ok(lines.includes('# TYPE switchyard_upstream_attempts_total counter'));
});

test('an open breaker reads 2', () => {
  const health = new TargetHealth(breaker, () => 5_000);
  health.begin('p/m')!.failed('rate_limited');
  health.begin('p/m')!.failed('rate_limited');
  assert.match(renderTargetMetrics(health), /^switchyard_target_breaker_state\{target="p\/m"\} 2$/m);
});

test('label values are escaped', () => {
  const health = new TargetHealth(breaker);
  health.begin('p/we"ird\\model\nx')!.released();
  const text = renderTargetMetrics(health);
  assert.ok(text.includes('switchyard_target_in_flight{target="p/we\\"ird\\\\model\\nx"} 0'), text);
  assert.ok(text.includes('{target="p/we\\"ird\\\\model\\nx",outcome="cancelled"} 1'));
});

test('targets a wildcard route made get series up to the cap; the rest are summed under target="other"', () => {
  const health = new TargetHealth(breaker);
  health.begin('openai/gpt-4o')!.succeeded({ latencyMs: 10 });
  for (let i = 0; i < 500; i++) health.begin(`openai/client-${i}`)!.succeeded({ latencyMs: 10 });
  health.begin('openai/client-499');
  health.begin('openai/client-499')!.failed('upstream_timeout');
  const configured = (key: string) => key === 'openai/gpt-4o';
  const series = renderTargetMetrics(health, configured, 3).trimEnd().split('\n').filter((l) => !l.startsWith('#'));
  assert.deepEqual(series, [
    'switchyard_target_breaker_state{target="openai/gpt-4o"} 0',
    'switchyard_target_breaker_state{target="openai/client-0"} 0',
    'switchyard_target_breaker_state{target="openai/client-1"} 0',
    'switchyard_target_breaker_state{target="openai/client-2"} 0',
    'switchyard_target_in_flight{target="openai/gpt-4o"} 0',
    'switchyard_target_in_flight{target="openai/client-0"} 0',
    'switchyard_target_in_flight{target="openai/client-1"} 0',
    'switchyard_target_in_flight{target="openai/client-2"} 0',
    'switchyard_target_in_flight{target="other"} 1',
    'switchyard_upstream_attempts_total{target="openai/gpt-4o",outcome="ok"} 1',
    'switchyard_upstream_attempts_total{target="openai/client-0",outcome="ok"} 1',
    'switchyard_upstream_attempts_total{target="openai/client-1",outcome="ok"} 1',
    'switchyard_upstream_attempts_total{target="openai/client-2",outcome="ok"} 1',
    'switchyard_upstream_attempts_total{target="other",outcome="ok"} 497',
    'switchyard_upstream_attempts_total{target="other",outcome="upstream_timeout"} 1',
  ]);
});
