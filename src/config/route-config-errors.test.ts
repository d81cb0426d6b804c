import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConfigError } from './config-error.ts';
import { parseConfigText } from './parse-config-text.ts';

const PROVIDERS = 'providers:\n  p: { type: openai, api_key: k }\n  q: { type: openai, api_key: k }\n';
/** Line of the first `models:` entry: the provider block above takes lines 1-3 and `models:` line 4. */
const FIRST = 5;

function errorsOf(models: string): ConfigError[] {
  const result = parseConfigText(`${PROVIDERS}models:\n${models}`, {}, 'switchyard.yaml');
  assert.equal(result.ok, false, 'expected the config to be rejected');
  return result.ok ? [] : result.errors;
}

function located(models: string): Array<[string, number | undefined, number | undefined, string]> {
  return errorsOf(models).map((error) => [error.path, error.line, error.column, error.message]);
}

test('"*" may only end a route name', () => {
  assert.deepEqual(located('  "a*b": p/x\n  "**": p/x\n  "*": p/*\n'), [
    ['models["a*b"]', FIRST, 3, '"*" may only end a route name (e.g. "openai/*", or "*" alone to catch every model)'],
    ['models["**"]', FIRST + 1, 3, '"*" may only end a route name (e.g. "openai/*", or "*" alone to catch every model)'],
  ]);
});

test('a route name that is not a model name before its "*" is rejected at the key', () => {
  const [error] = errorsOf('  "-x*": p/x\n');
  assert.deepEqual([error.path, error.line, error.column], ['models["-x*"]', FIRST, 3]);
  assert.match(error.message, /^model names are letters, digits/);
});

test('"*" in a target of an exact route is an error at the model, in both target forms', () => {
  const message = '"*" in a target model is only allowed in a wildcard route (a route name ending in "*", e.g. "openai/*"); "m" is an exact name';
  assert.deepEqual(located('  m: p/x*\n'), [['models.m', FIRST, 6, message]]);
  assert.deepEqual(located('  m:\n    targets:\n      - p/a\n      - { provider: p, model: "x-*" }\n'), [
    ['models.m.targets[1].model', FIRST + 3, 31, message],
  ]);
});

test('a wildcard target may hold "*" only once', () => {
  assert.deepEqual(located('  m*:\n    targets: [p/*-*]\n'), [
    ['models["m*"].targets[0]', FIRST + 1, 15, 'a target model may contain "*" only once (it is replaced by the requested name after the route prefix)'],
  ]);
});

test('connect_ms per target explains that connect is per provider', () => {
  const errors = located('  m:\n    targets:\n      - { provider: p, model: x, timeouts: { connect_ms: 5 } }\n');
  assert.equal(errors.length, 1);
  const [path, line, , message] = errors[0];
  assert.deepEqual([path, line], ['models.m.targets[0].timeouts.connect_ms', FIRST + 2]);
  assert.match(message, /^connect_ms cannot be set per target: connections are pooled per provider, so set it under providers\.<id>\.timeouts/);
});

test('an unknown key in target timeouts lists the per-target ones', () => {
  const [error] = errorsOf('  m:\n    targets:\n      - { provider: p, model: x, timeouts: { idle: 5 } }\n');
  assert.equal(error.path, 'models.m.targets[0].timeouts.idle');
  assert.equal(error.message, 'unknown key "idle" (did you mean "idle_ms"? allowed: first_byte_ms, idle_ms, total_ms)');
});

test('an unknown target key lists the allowed ones', () => {
  const [error] = errorsOf('  m:\n    targets:\n      - { provider: p, model: x, wieght: 2 }\n');
  assert.equal(error.path, 'models.m.targets[0].wieght');
  assert.equal(
    error.message,
    'unknown key "wieght" (did you mean "weight"? allowed: provider, model, weight, priority, price, data_policy, context_window, timeouts)',
  );
});

test('an unknown route key lists the allowed ones', () => {
  const [error] = errorsOf('  m:\n    targets: [p/x]\n    fallback: [q/x]\n');
  assert.deepEqual([error.path, error.line, error.column], ['models.m.fallback', FIRST + 2, 5]);
  assert.match(error.message, /allowed: targets, strategy, aliases, retry, deadline_ms, context_window_fallback, hedge\)$/);
});

test('bad strategy suggests the nearest', () => {
  assert.deepEqual(located('  m:\n    strategy: wieghted\n    targets: [p/x]\n'), [
    ['models.m.strategy', FIRST + 1, 15, 'must be one of: priority, weighted, latency, least-inflight, cost; did you mean "weighted"?'],
  ]);
});

test('out-of-range and mistyped target fields each name their bounds', () => {
  const errors = located(
    '  m:\n    targets: [{ provider: p, model: x, weight: 1000001, priority: 1.5, context_window: 0, data_policy: { data_collection: nope, zdr: maybe } }]\n',
  );
  assert.deepEqual(
    errors.map(([path, , , message]) => [path, message]),
    [
      ['models.m.targets[0].weight', 'must be a number between 0 and 1000000'],
      ['models.m.targets[0].priority', 'must be an integer between 0 and 1000000'],
      ['models.m.targets[0].context_window', 'must be an integer between 1 and 100000000'],
      ['models.m.targets[0].data_policy.data_collection', 'must be allow or deny'],
      ['models.m.targets[0].data_policy.zdr', 'must be true or false'],
    ],
  );
  assert.ok(errors.every(([, line]) => line === FIRST + 1));
});

test('retry, deadline and context_window_fallback bounds', () => {
  const errors = located(
    '  m:\n    context_window_fallback: "yes"\n    deadline_ms: 0\n    retry: { attempts_per_target: 11, max_attempts: 51, backoff_initial_ms: -1 }\n    targets: [p/x]\n',
  );
  assert.deepEqual(
    errors.map(([path, line, , message]) => [path, line, message]),
    [
      ['models.m.context_window_fallback', FIRST + 1, 'must be true or false'],
      ['models.m.deadline_ms', FIRST + 2, 'must be an integer between 1 and 86400000'],
      ['models.m.retry.attempts_per_target', FIRST + 3, 'must be an integer between 1 and 10'],
      ['models.m.retry.max_attempts', FIRST + 3, 'must be an integer between 1 and 50'],
      ['models.m.retry.backoff_initial_ms', FIRST + 3, 'must be an integer between 0 and 60000'],
    ],
  );
});

test('backoff_max_ms below backoff_initial_ms points at whichever was set', () => {
  assert.deepEqual(located('  m:\n    retry: { backoff_initial_ms: 500, backoff_max_ms: 100 }\n    targets: [p/x]\n'), [
    ['models.m.retry.backoff_max_ms', FIRST + 1, 55, 'must be at least backoff_initial_ms (500)'],
  ]);
  assert.deepEqual(located('  m:\n    retry: { backoff_initial_ms: 5000 }\n    targets: [p/x]\n'), [
    ['models.m.retry.backoff_initial_ms', FIRST + 1, 34, 'must not exceed backoff_max_ms (2000, the default); raise backoff_max_ms too'],
  ]);
});

test('hedge: after_ms is milliseconds or p95', () => {
  assert.deepEqual(located('  m:\n    hedge: { after_ms: p96 }\n    targets: [p/x, q/x]\n'), [
    ['models.m.hedge.after_ms', FIRST + 1, 24, 'must be a number of milliseconds (e.g. 800) or p95'],
  ]);
  assert.deepEqual(located('  m:\n    hedge: { after_ms: 0 }\n    targets: [p/x, q/x]\n'), [
    ['models.m.hedge.after_ms', FIRST + 1, 24, 'must be an integer between 1 and 3600000'],
  ]);
  assert.deepEqual(
    errorsOf('  m:\n    hedge: { min_ms: 10 }\n    targets: [p/x, q/x]\n').map((e) => [e.path, e.message]),
    [['models.m.hedge.after_ms', 'required: a number of milliseconds (e.g. 800) or p95']],
  );
});

test('hedge needs two targets and two attempts; min_ms and fallback_ms only go with p95', () => {
  assert.deepEqual(located('  m:\n    hedge: { after_ms: 100, min_ms: 5, fallback_ms: 9 }\n    retry: { max_attempts: 1 }\n    targets: [p/x]\n'), [
    ['models.m.hedge', FIRST + 1, 12, 'hedging needs at least 2 targets: it starts the next target while the first is still waiting for its first token'],
    ['models.m.hedge', FIRST + 1, 12, 'hedging needs retry.max_attempts of at least 2 (a hedge is an attempt); it is 1'],
    ['models.m.hedge.min_ms', FIRST + 1, 29, 'min_ms is only used with after_ms: p95 (after_ms is a fixed delay here)'],
    ['models.m.hedge.fallback_ms', FIRST + 1, 40, 'fallback_ms is only used with after_ms: p95 (after_ms is a fixed delay here)'],
  ]);
  assert.deepEqual(located('  "w*":\n    hedge: { after_ms: p95 }\n    targets: [p/*]\n').map(([path]) => path), ['models["w*"].hedge']);
});

test('weighted strategy needs a target with weight above 0', () => {
  assert.deepEqual(located('  m:\n    strategy: weighted\n    targets:\n      - { provider: p, model: x, weight: 0 }\n      - { provider: q, model: x, weight: 0 }\n'), [
    ['models.m.targets', FIRST + 2, 5, 'strategy weighted needs at least one target with weight above 0 (weight 0 means "only as a fallback")'],
  ]);
  const ok = parseConfigText(`${PROVIDERS}models:\n  m:\n    strategy: priority\n    targets: [{ provider: p, model: x, weight: 0 }]\n`, {});
  assert.equal(ok.ok, true, 'weight 0 everywhere is fine for other strategies');
});

test('aliases may not collide with a route name or another alias, and each is a plain model name', () => {
  const text = `  m:
    aliases: [n, shared, m]
    targets: [p/x]
  n: p/y
  o:
    aliases: [shared, "bad*"]
    targets: [q/x]
`;
  assert.deepEqual(
    errorsOf(text).map((e) => [e.path, e.line, e.message]),
    [['models.o.aliases[1]', FIRST + 5, 'must be a model name of letters, digits and . _ : / @ + -']],
  );
  assert.deepEqual(located(text.replace(', "bad*"', '')), [
    ['models.m.aliases[0]', FIRST + 1, 15, '"n" is already a route name (models.n); every name and alias must be unique'],
    ['models.m.aliases[2]', FIRST + 1, 26, '"m" is already a route name (models.m); every name and alias must be unique'],
    ['models.o.aliases[0]', FIRST + 5, 15, '"shared" is already an alias at models.m.aliases[1]; every name and alias must be unique'],
  ]);
});

test('a wildcard route cannot have aliases', () => {
  assert.deepEqual(located('  p/*:\n    aliases: [anything]\n    targets: [p/*]\n'), [
    ['models["p/*"].aliases', FIRST + 1, 5, 'a wildcard route cannot have aliases; add an exact route for the extra name instead'],
  ]);
});

test('unknown providers are still reported in every target form, wildcard ones included', () => {
  assert.deepEqual(
    located('  a*: zz/*\n  b:\n    targets: [{ provider: pp, model: x }]\n').map(([path, line, , message]) => [path, line, message]),
    [
      ['models["a*"]', FIRST, 'unknown provider "zz" (defined: p, q)'],
      ['models.b.targets[0].provider', FIRST + 2, 'unknown provider "pp" (defined: p, q; did you mean "p"?)'],
    ],
  );
});
