import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfigText } from './parse-config-text.ts';
import type { Config, ModelConfig } from './types.ts';

const EXAMPLE = `server:
  host: 127.0.0.1
  port: 4000
  admin: { host: 127.0.0.1, port: 4001 }
  metrics: { auth: master_key, listener: admin }
  limits: { max_body_bytes: 4194304, max_json_depth: 64, max_header_bytes: 16384 }
  timeouts: { client_body_ms: 30000 }
  shutdown_grace_ms: 30000
  records: { queue_max: 50000, batch_size: 500, flush_interval_ms: 25, retention_days: 30 }
upstream_defaults:
  timeouts: { connect_ms: 5000, first_byte_ms: 60000, idle_ms: 30000, total_ms: 600000 }
providers:
  openai:
    type: openai
    api_key: \${OPENAI_API_KEY}
    headers: { OpenAI-Organization: org-123 }
    max_connections: 256
    connection_queue_max: 10
    connection_wait_ms: 250
    timeouts: { first_byte_ms: 30000 }
  local:
    type: openai-compatible
    base_url: http://127.0.0.1:11434/v1
models:
  gpt-4o-mini: openai/gpt-4o-mini
  fast:
    targets:
      - openai/gpt-4o-mini
      - { provider: local, model: llama3.1:8b }
pricing:
  overrides:
    - { provider: local, model: "llama3.1:8b", input_per_mtok: "0.05", output_per_mtok: "0.08" }
`;

const ALLOW = { dataCollection: 'allow', zdr: false } as const;
const OPENAI_TIMEOUTS = { connectMs: 5000, firstByteMs: 30000, idleMs: 30000, totalMs: 600000 };
const LOCAL_TIMEOUTS = { connectMs: 5000, firstByteMs: 60000, idleMs: 30000, totalMs: 600000 };
const ROUTE_DEFAULTS: Omit<ModelConfig, 'name' | 'targets'> = {
  aliases: [],
  wildcard: false,
  strategy: 'priority',
  retry: { attemptsPerTarget: 2, maxAttempts: 6, backoffInitialMs: 100, backoffMaxMs: 2000, maxRetryAfterMs: 10000 },
  deadlineMs: 600000,
  contextWindowFallback: true,
};

const EXPECTED: Config = {
  server: {
    host: '127.0.0.1',
    port: 4000,
    admin: { host: '127.0.0.1', port: 4001 },
    metrics: { auth: 'master_key', listener: 'admin' },
    limits: { maxBodyBytes: 4194304, maxJsonDepth: 64, maxHeaderBytes: 16384 },
    timeouts: { clientBodyMs: 30000 },
    shutdownGraceMs: 30000,
    records: { queueMax: 50000, batchSize: 500, flushIntervalMs: 25, retentionDays: 30 },
  },
  providers: {
    openai: {
      id: 'openai',
      type: 'openai',
      dataPolicy: ALLOW,
      baseUrl: 'https://api.openai.com/v1',
      apiKey: 'sk-test',
      headers: { 'OpenAI-Organization': 'org-123' },
      maxConnections: 256,
      connectionQueueMax: 10,
      connectionWaitMs: 250,
      timeouts: { connectMs: 5000, firstByteMs: 30000, idleMs: 30000, totalMs: 600000 },
    },
    local: {
      id: 'local',
      type: 'openai-compatible',
      dataPolicy: ALLOW,
      baseUrl: 'http://127.0.0.1:11434/v1',
      headers: {},
      maxConnections: 4096,
      connectionQueueMax: 1024,
      connectionWaitMs: 1000,
      timeouts: { connectMs: 5000, firstByteMs: 60000, idleMs: 30000, totalMs: 600000 },
    },
  },
  models: {
    'gpt-4o-mini': {
      name: 'gpt-4o-mini',
      ...ROUTE_DEFAULTS,
      targets: [{ provider: 'openai', model: 'gpt-4o-mini', weight: 1, priority: 0, dataPolicy: ALLOW, timeouts: OPENAI_TIMEOUTS }],
    },
    fast: {
      name: 'fast',
      ...ROUTE_DEFAULTS,
      targets: [
        { provider: 'openai', model: 'gpt-4o-mini', weight: 1, priority: 0, dataPolicy: ALLOW, timeouts: OPENAI_TIMEOUTS },
        { provider: 'local', model: 'llama3.1:8b', weight: 1, priority: 1, dataPolicy: ALLOW, timeouts: LOCAL_TIMEOUTS },
      ],
    },
  },
  pricing: { overrides: [{ provider: 'local', model: 'llama3.1:8b', inputPerMTok: '0.05', outputPerMTok: '0.08' }] },
  routing: {
    breaker: { consecutiveFailures: 5, errorRate: 0.5, minRequests: 20, windowMs: 60000, openMs: 30000, maxOpenMs: 300000 },
    healthChecks: { intervalMs: 0, timeoutMs: 10000 },
  },
};

function parseOk(text: string, env: Record<string, string | undefined> = {}) {
  const result = parseConfigText(text, env, 'switchyard.yaml');
  if (!result.ok) assert.fail(JSON.stringify(result.errors));
  return result;
}

test('the documented example parses to the exact expected Config', () => {
  const result = parseOk(EXAMPLE, { OPENAI_API_KEY: 'sk-test' });
  assert.deepEqual(result.config, EXPECTED);
  assert.deepEqual(result.warnings, []);
});

test('an empty file yields all defaults', () => {
  const { config } = parseOk('');
  assert.deepEqual(config.server, {
    host: '127.0.0.1',
    port: 4000,
    admin: {},
    metrics: { auth: 'none', listener: 'main' },
    limits: { maxBodyBytes: 4194304, maxJsonDepth: 64, maxHeaderBytes: 16384 },
    timeouts: { clientBodyMs: 30000 },
    shutdownGraceMs: 30000,
    records: { queueMax: 50000, batchSize: 500, flushIntervalMs: 25, retentionDays: 30 },
  });
  assert.deepEqual(config.providers, {});
  assert.deepEqual(config.models, {});
  assert.deepEqual(config.pricing, { overrides: [] });
});

test('empty sections (YAML null) count as absent', () => {
  const { config } = parseOk('server:\nproviders:\nmodels:\npricing:\n');
  assert.equal(config.server.port, 4000);
  assert.deepEqual(config.models, {});
});

test('shorthand splits at the first slash so model names may contain slashes', () => {
  const { config } = parseOk(`providers:
  openrouter: { type: openai-compatible, base_url: https://openrouter.ai/api/v1 }
models:
  llama: openrouter/meta-llama/llama-3.1-8b-instruct
  mixed:
    targets:
      - openrouter/a/b
      - { provider: openrouter, model: c/d }
`);
  const refs = (name: string) => config.models[name].targets.map(({ provider, model }) => ({ provider, model }));
  assert.deepEqual(refs('llama'), [{ provider: 'openrouter', model: 'meta-llama/llama-3.1-8b-instruct' }]);
  assert.deepEqual(refs('mixed'), [
    { provider: 'openrouter', model: 'a/b' },
    { provider: 'openrouter', model: 'c/d' },
  ]);
});

test('upstream_defaults apply to every provider and per-provider timeouts override only what they set', () => {
  const { config } = parseOk(`upstream_defaults:
  timeouts: { connect_ms: 1000, total_ms: 2000 }
providers:
  a: { type: openai, api_key: k }
  b: { type: openai, api_key: k, timeouts: { idle_ms: 7 } }
`);
  assert.deepEqual(config.providers.a.timeouts, { connectMs: 1000, firstByteMs: 60000, idleMs: 30000, totalMs: 2000 });
  assert.deepEqual(config.providers.b.timeouts, { connectMs: 1000, firstByteMs: 60000, idleMs: 7, totalMs: 2000 });
});

test('base_url is normalized without a trailing slash', () => {
  const { config } = parseOk('providers:\n  x: { type: openai-compatible, base_url: "HTTP://Example.COM:8080/v1//" }\n');
  assert.equal(config.providers.x.baseUrl, 'http://example.com:8080/v1');
});

test('numbers may come from interpolation and prices may be numbers', () => {
  const { config } = parseOk(
    'server: { port: "${PORT:-4100}" }\npricing:\n  overrides:\n    - { model: m, input_per_mtok: 0.15, output_per_mtok: 2, cache_read_per_mtok: "0.000001" }\n',
    {},
  );
  assert.equal(config.server.port, 4100);
  assert.deepEqual(config.pricing.overrides, [{ model: 'm', inputPerMTok: '0.15', outputPerMTok: '2', cacheReadPerMTok: '0.000001' }]);
});

test('an empty api_key leaves apiKey absent and warns without showing any value', () => {
  const result = parseOk('providers:\n  openai: { type: openai, api_key: "${OPENAI_API_KEY:-}" }\n', { OPENAI_API_KEY: '' });
  assert.equal(result.config.providers.openai.apiKey, undefined);
  assert.equal(result.warnings.length, 1);
  assert.match(result.warnings[0], /^switchyard\.yaml:2:36 {2}providers\.openai\.api_key: is empty \(OPENAI_API_KEY unset or empty\)/);
});

test('a provider with a real key gives no warning and the key never appears in warnings', () => {
  const result = parseOk('providers:\n  openai: { type: openai, api_key: sk-secret }\n  local: { type: openai-compatible, base_url: "http://h/v1" }\n');
  assert.deepEqual(result.warnings, []);
  assert.equal(result.config.providers.openai.apiKey, 'sk-secret');
});

test('headers whose value is empty after interpolation are not sent', () => {
  const { config } = parseOk('providers:\n  o: { type: openai, api_key: k, headers: { X-A: "${A:-}", X-B: b, X-N: 12 } }\n');
  assert.deepEqual(config.providers.o.headers, { 'X-B': 'b', 'X-N': '12' });
});

test('a secret containing YAML syntax stays one scalar', () => {
  const { config } = parseOk('providers:\n  o: { type: openai, api_key: "${KEY}" }\n', { KEY: 'a: b\n- c\n  models: {x: y}' });
  assert.equal(config.providers.o.apiKey, 'a: b\n- c\n  models: {x: y}');
  assert.deepEqual(config.models, {});
});
