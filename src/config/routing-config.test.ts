import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfigText } from './parse-config-text.ts';

const DEFAULTS = {
  breaker: { consecutiveFailures: 5, errorRate: 0.5, minRequests: 20, windowMs: 60000, openMs: 30000, maxOpenMs: 300000 },
  healthChecks: { intervalMs: 0, timeoutMs: 10000 },
};

function routingOf(text: string) {
  const result = parseConfigText(text, {}, 'switchyard.yaml');
  if (!result.ok) assert.fail(JSON.stringify(result.errors, null, 2));
  return result.config.routing;
}

function located(text: string) {
  const result = parseConfigText(text, {}, 'switchyard.yaml');
  assert.equal(result.ok, false, 'expected the config to be rejected');
  return result.ok ? [] : result.errors.map((e) => [e.path, e.line, e.message]);
}

test('routing is always present with its defaults', () => {
  assert.deepEqual(routingOf(''), DEFAULTS);
  assert.deepEqual(routingOf('routing:\n'), DEFAULTS);
  assert.deepEqual(routingOf('routing:\n  breaker: {}\n  health_checks:\n'), DEFAULTS);
});

test('every routing field is read; unset ones keep their default', () => {
  const routing = routingOf(`routing:
  breaker:
    consecutive_failures: 3
    error_rate: 0.25
    min_requests: 10
    window_ms: 30000
    open_ms: 5000
    max_open_ms: 5000
  health_checks:
    interval_ms: 15000
`);
  assert.deepEqual(routing, {
    breaker: { consecutiveFailures: 3, errorRate: 0.25, minRequests: 10, windowMs: 30000, openMs: 5000, maxOpenMs: 5000 },
    healthChecks: { intervalMs: 15000, timeoutMs: 10000 },
  });
  assert.equal(routingOf('routing:\n  breaker: { error_rate: "1" }\n').breaker.errorRate, 1);
});

test('error_rate must be above 0 and at most 1; counts and durations are bounded', () => {
  assert.deepEqual(located('routing:\n  breaker:\n    error_rate: 0\n    consecutive_failures: 0\n    window_ms: 10\n  health_checks: { interval_ms: -1, timeout_ms: 0 }\n'), [
    ['routing.breaker.error_rate', 3, 'must be greater than 0 and at most 1, e.g. 0.5'],
    ['routing.breaker.consecutive_failures', 4, 'must be an integer between 1 and 1000'],
    ['routing.breaker.window_ms', 5, 'must be an integer between 1000 and 86400000'],
    ['routing.health_checks.interval_ms', 6, 'must be an integer between 0 and 86400000'],
    ['routing.health_checks.timeout_ms', 6, 'must be an integer between 1 and 3600000'],
  ]);
  assert.deepEqual(located('routing:\n  breaker: { error_rate: 1.5 }\n'), [['routing.breaker.error_rate', 2, 'must be greater than 0 and at most 1, e.g. 0.5']]);
});

test('max_open_ms below open_ms points at whichever was set', () => {
  assert.deepEqual(located('routing:\n  breaker:\n    open_ms: 60000\n    max_open_ms: 1000\n'), [['routing.breaker.max_open_ms', 4, 'must be at least open_ms (60000)']]);
  assert.deepEqual(located('routing:\n  breaker:\n    open_ms: 400000\n'), [
    ['routing.breaker.open_ms', 3, 'must not exceed max_open_ms (300000, the default); raise max_open_ms too'],
  ]);
});

test('unknown routing keys suggest the nearest', () => {
  const [error] = located('routing:\n  health: {}\n');
  assert.deepEqual(error, ['routing.health', 2, 'unknown key "health" (did you mean "health_checks"? allowed: breaker, health_checks)']);
});
