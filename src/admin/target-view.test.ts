import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BreakerConfig, ModelConfig } from '../config/types.ts';
import { TargetHealth } from '../router/target-health.ts';
import { targetViews } from './target-view.ts';

const breaker: BreakerConfig = { consecutiveFailures: 2, errorRate: 0.5, minRequests: 20, windowMs: 60_000, openMs: 30_000, maxOpenMs: 300_000 };
const route = (name: string, targets: Array<[string, string]>) => ({ name, targets: targets.map(([provider, model]) => ({ provider, model })) }) as unknown as ModelConfig;
const T0 = Date.parse('2026-11-24T10:00:00.000Z');

const models = [
  route('fast', [['openai', 'gpt-4o-mini'], ['anthropic', 'claude-haiku']]),
  route('cheap', [['openai', 'gpt-4o-mini']]),
  route('openrouter/*', [['openrouter', '*']]),
];

function views(health: TargetHealth) {
  return targetViews(models, (k) => health.stats(k), health.snapshot());
}

test('lists every concrete configured target, measured or not, with the routes using it', () => {
  const health = new TargetHealth(breaker, () => T0);
  const rows = views(health);
  assert.deepEqual(rows.map((r) => [r.key, r.routes]), [['openai/gpt-4o-mini', ['fast', 'cheap']], ['anthropic/claude-haiku', ['fast']]]);
  assert.deepEqual(rows[1], {
    key: 'anthropic/claude-haiku', provider: 'anthropic', model: 'claude-haiku', routes: ['fast'],
    breaker: 'closed', probe_at: null, in_flight: 0, ttft_ms_avg: null, latency_ms_avg: null, p95_ttft_ms: null,
    throughput_tokens_per_s: null, window_attempts: 0, window_failures: 0, error_rate: null, consecutive_failures: 0,
  });
});

test('shows measured health: averages, in-flight, window and an open breaker with its probe time', () => {
  const health = new TargetHealth(breaker, () => T0);
  health.begin('openai/gpt-4o-mini')!.succeeded({ latencyMs: 1234.56, ttftMs: 200.04, outputTokens: 100 });
  health.begin('openai/gpt-4o-mini');
  health.begin('anthropic/claude-haiku')!.failed('upstream_error');
  health.begin('anthropic/claude-haiku')!.failed('upstream_timeout');
  const [openai, anthropic] = views(health);
  assert.equal(openai.breaker, 'closed');
  assert.equal(openai.in_flight, 1);
  assert.equal(openai.latency_ms_avg, 1234.6);
  assert.equal(openai.ttft_ms_avg, 200);
  assert.equal(openai.throughput_tokens_per_s, 96.7, '100 tokens in 1.0345 s after the first token');
  assert.equal(openai.error_rate, 0);
  assert.equal(anthropic.breaker, 'open');
  assert.equal(anthropic.probe_at, '2026-11-24T10:00:30.000Z');
  assert.equal(anthropic.window_attempts, 2);
  assert.equal(anthropic.window_failures, 2);
  assert.equal(anthropic.error_rate, 1);
  assert.equal(anthropic.consecutive_failures, 2);
});

test('wildcard-route targets appear once seen; targets no route uses are left out', () => {
  const health = new TargetHealth(breaker, () => T0);
  health.begin('openrouter/z-ai/glm-4')!.released();
  health.begin('openrouter/meta/llama-3')!.released();
  health.begin('gone/model')!.released();
  assert.deepEqual(views(health).map((r) => [r.key, r.model, r.routes]), [
    ['openai/gpt-4o-mini', 'gpt-4o-mini', ['fast', 'cheap']],
    ['anthropic/claude-haiku', 'claude-haiku', ['fast']],
    ['openrouter/meta/llama-3', 'meta/llama-3', ['openrouter/*']],
    ['openrouter/z-ai/glm-4', 'z-ai/glm-4', ['openrouter/*']],
  ]);
});
