import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfigText } from './parse-config-text.ts';
import type { Config, ModelConfig } from './types.ts';

const PROVIDERS = `providers:
  openai: { type: openai, api_key: k }
  local:
    type: openai-compatible
    base_url: http://127.0.0.1:11434/v1
    timeouts: { connect_ms: 1000, first_byte_ms: 2000 }
    data_policy: { data_collection: deny, zdr: true }
`;

const OPENAI_TIMEOUTS = { connectMs: 5000, firstByteMs: 60000, idleMs: 30000, totalMs: 600000 };
const LOCAL_TIMEOUTS = { connectMs: 1000, firstByteMs: 2000, idleMs: 30000, totalMs: 600000 };
const ALLOW = { dataCollection: 'allow', zdr: false } as const;
const DENY_ZDR = { dataCollection: 'deny', zdr: true } as const;

function parse(models: string, env: Record<string, string | undefined> = {}): Config {
  const text = `${PROVIDERS}models:\n${models}`;
  const result = parseConfigText(text, env, 'switchyard.yaml');
  if (!result.ok) assert.fail(JSON.stringify(result.errors, null, 2));
  return result.config;
}

test('a route with every field normalizes to the exact ModelConfig', () => {
  const config = parse(`  chat:
    strategy: weighted
    aliases: [assistant, chat-latest]
    targets:
      - provider: openai
        model: gpt-4o-mini
        weight: 2.5
        priority: 7
        price: { input_per_mtok: "0.15", output_per_mtok: 0.6 }
        data_policy: { zdr: true }
        context_window: 128000
        timeouts: { first_byte_ms: 1500, idle_ms: 900, total_ms: 60000 }
      - local/llama3.1:8b
    retry: { attempts_per_target: 3, max_attempts: 9, backoff_initial_ms: 50, backoff_max_ms: 500, max_retry_after_ms: 0 }
    deadline_ms: 120000
    context_window_fallback: false
    hedge: { after_ms: 800 }
`);
  const expected: ModelConfig = {
    name: 'chat',
    aliases: ['assistant', 'chat-latest'],
    wildcard: false,
    strategy: 'weighted',
    targets: [
      {
        provider: 'openai',
        model: 'gpt-4o-mini',
        weight: 2.5,
        priority: 7,
        price: { inputPerMTok: '0.15', outputPerMTok: '0.6' },
        dataPolicy: { dataCollection: 'allow', zdr: true },
        contextWindow: 128000,
        timeouts: { connectMs: 5000, firstByteMs: 1500, idleMs: 900, totalMs: 60000 },
      },
      { provider: 'local', model: 'llama3.1:8b', weight: 1, priority: 1, dataPolicy: DENY_ZDR, timeouts: LOCAL_TIMEOUTS },
    ],
    retry: { attemptsPerTarget: 3, maxAttempts: 9, backoffInitialMs: 50, backoffMaxMs: 500, maxRetryAfterMs: 0 },
    deadlineMs: 120000,
    contextWindowFallback: false,
    hedge: { after: { fixedMs: 800 } },
  };
  assert.deepEqual(config.models.chat, expected);
});

test('shorthand and minimal routes get every default', () => {
  const config = parse('  one: openai/gpt-4o\n  two:\n    targets: [openai/gpt-4o, { provider: local, model: qwen }]\n');
  const defaults = {
    aliases: [],
    wildcard: false,
    strategy: 'priority',
    retry: { attemptsPerTarget: 2, maxAttempts: 6, backoffInitialMs: 100, backoffMaxMs: 2000, maxRetryAfterMs: 10000 },
    deadlineMs: 600000,
    contextWindowFallback: true,
  };
  assert.deepEqual(config.models.one, {
    name: 'one',
    ...defaults,
    targets: [{ provider: 'openai', model: 'gpt-4o', weight: 1, priority: 0, dataPolicy: ALLOW, timeouts: OPENAI_TIMEOUTS }],
  });
  assert.deepEqual(config.models.two, {
    name: 'two',
    ...defaults,
    targets: [
      { provider: 'openai', model: 'gpt-4o', weight: 1, priority: 0, dataPolicy: ALLOW, timeouts: OPENAI_TIMEOUTS },
      { provider: 'local', model: 'qwen', weight: 1, priority: 1, dataPolicy: DENY_ZDR, timeouts: LOCAL_TIMEOUTS },
    ],
  });
  assert.equal('hedge' in config.models.two, false);
});

test('each strategy name is accepted', () => {
  for (const strategy of ['priority', 'weighted', 'latency', 'least-inflight', 'cost']) {
    assert.equal(parse(`  m:\n    strategy: ${strategy}\n    targets: [openai/x]\n`).models.m.strategy, strategy);
  }
});

test('hedge after_ms: p95 takes min_ms and fallback_ms, with defaults 200 and 1000', () => {
  const config = parse(`  a:
    hedge: { after_ms: p95 }
    targets: [openai/x, local/x]
  b:
    hedge: { after_ms: p95, min_ms: 350, fallback_ms: 1500 }
    targets: [openai/x, local/x]
`);
  assert.deepEqual(config.models.a.hedge, { after: { percentile: 'p95', minMs: 200, fallbackMs: 1000 } });
  assert.deepEqual(config.models.b.hedge, { after: { percentile: 'p95', minMs: 350, fallbackMs: 1500 } });
});

test('per-target timeouts override the provider, which overrides upstream_defaults; connect stays the provider\'s', () => {
  const text = `upstream_defaults:
  timeouts: { connect_ms: 700, idle_ms: 8000 }
providers:
  p: { type: openai, api_key: k, timeouts: { first_byte_ms: 3000, total_ms: 90000 } }
models:
  m:
    targets:
      - { provider: p, model: a, timeouts: { idle_ms: 100 } }
      - { provider: p, model: b, timeouts: { first_byte_ms: 10, total_ms: 20 } }
      - p/c
`;
  const result = parseConfigText(text, {});
  if (!result.ok) assert.fail(JSON.stringify(result.errors));
  assert.deepEqual(result.config.providers.p.timeouts, { connectMs: 700, firstByteMs: 3000, idleMs: 8000, totalMs: 90000 });
  assert.deepEqual(
    result.config.models.m.targets.map((target) => target.timeouts),
    [
      { connectMs: 700, firstByteMs: 3000, idleMs: 100, totalMs: 90000 },
      { connectMs: 700, firstByteMs: 10, idleMs: 8000, totalMs: 20 },
      { connectMs: 700, firstByteMs: 3000, idleMs: 8000, totalMs: 90000 },
    ],
  );
});

test('data_policy: target fields override the provider\'s, which override the cautious default', () => {
  const text = `providers:
  plain: { type: openai, api_key: k }
  private: { type: openai, api_key: k, data_policy: { data_collection: deny } }
  zdr: { type: openai, api_key: k, data_policy: { data_collection: deny, zdr: true } }
models:
  m:
    targets:
      - plain/a
      - private/a
      - zdr/a
      - { provider: plain, model: b, data_policy: { data_collection: deny, zdr: true } }
      - { provider: zdr, model: b, data_policy: { zdr: false } }
      - { provider: private, model: b, data_policy: {} }
`;
  const result = parseConfigText(text, {});
  if (!result.ok) assert.fail(JSON.stringify(result.errors));
  const { providers, models } = result.config;
  assert.deepEqual(providers.plain.dataPolicy, ALLOW);
  assert.deepEqual(providers.private.dataPolicy, { dataCollection: 'deny', zdr: false });
  assert.deepEqual(providers.zdr.dataPolicy, DENY_ZDR);
  assert.deepEqual(
    models.m.targets.map((target) => target.dataPolicy),
    [ALLOW, { dataCollection: 'deny', zdr: false }, DENY_ZDR, DENY_ZDR, { dataCollection: 'deny', zdr: false }, { dataCollection: 'deny', zdr: false }],
  );
});

test('priority defaults to the position in the list; explicit priorities and weight 0 are kept', () => {
  const config = parse(`  m:
    targets:
      - openai/a
      - { provider: openai, model: b, priority: 0, weight: 0 }
      - { provider: openai, model: c }
`);
  assert.deepEqual(
    config.models.m.targets.map(({ model, priority, weight }) => [model, priority, weight]),
    [
      ['a', 0, 1],
      ['b', 0, 0],
      ['c', 2, 1],
    ],
  );
});

test('numbers and booleans may come from environment variables', () => {
  const config = parse(
    `  m:
    deadline_ms: \${DEADLINE}
    context_window_fallback: \${FALLBACK}
    targets:
      - { provider: openai, model: a, weight: "\${WEIGHT}", context_window: "\${CTX}", data_policy: { zdr: "\${ZDR}" } }
`,
    { DEADLINE: '5000', FALLBACK: 'false', WEIGHT: '0.25', CTX: '32000', ZDR: 'true' },
  );
  const model = config.models.m;
  assert.deepEqual(
    [model.deadlineMs, model.contextWindowFallback, model.targets[0].weight, model.targets[0].contextWindow, model.targets[0].dataPolicy.zdr],
    [5000, false, 0.25, 32000, true],
  );
});

test('wildcard routes: a trailing * marks the route, and * in a target model is kept for request time', () => {
  const text = `providers:
  openai: { type: openai, api_key: k }
  openrouter: { type: openai-compatible, base_url: "https://openrouter.ai/api/v1" }
models:
  openai/*: openai/*
  gpt-*:
    strategy: latency
    targets: [openai/gpt-*, "openrouter/openai/gpt-*"]
  "*": openrouter/*
  exact: openai/gpt-4o
`;
  const result = parseConfigText(text, {});
  if (!result.ok) assert.fail(JSON.stringify(result.errors));
  const { models } = result.config;
  assert.deepEqual(
    Object.values(models).map((model) => [model.name, model.wildcard, model.targets.map((target) => `${target.provider}|${target.model}`)]),
    [
      ['openai/*', true, ['openai|*']],
      ['gpt-*', true, ['openai|gpt-*', 'openrouter|openai/gpt-*']],
      ['*', true, ['openrouter|*']],
      ['exact', false, ['openai|gpt-4o']],
    ],
  );
});

test('a wildcard route may send every match to one fixed model', () => {
  const config = parse('  "legacy-*": openai/gpt-4o-mini\n');
  assert.equal(config.models['legacy-*'].wildcard, true);
  assert.equal(config.models['legacy-*'].targets[0].model, 'gpt-4o-mini');
});

test('a deployment map is not reported unused when a wildcard target may send any model to the provider', () => {
  const text = `providers:
  az: { type: azure-openai, base_url: "https://r.openai.azure.com", api_key: k, deployments: { gpt-4o: prod } }
models:
  az/*: az/*
`;
  const result = parseConfigText(text, {});
  if (!result.ok) assert.fail(JSON.stringify(result.errors));
  assert.deepEqual(result.warnings, []);
  const exactOnly = parseConfigText(text.replace('az/*: az/*', 'x: az/gpt-4.1'), {});
  assert.equal(exactOnly.ok && exactOnly.warnings.length, 1);
});
