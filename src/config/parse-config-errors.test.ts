import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConfigError } from './config-error.ts';
import { parseConfigText } from './parse-config-text.ts';

function errorsOf(text: string, env: Record<string, string | undefined> = {}): ConfigError[] {
  const result = parseConfigText(text, env, 'switchyard.yaml');
  assert.equal(result.ok, false, 'expected the config to be rejected');
  return result.ok ? [] : result.errors;
}

function only(text: string, env: Record<string, string | undefined> = {}): ConfigError {
  const errors = errorsOf(text, env);
  assert.equal(errors.length, 1, JSON.stringify(errors));
  assert.equal(errors[0].source, 'switchyard.yaml');
  return errors[0];
}

test('unknown top-level key points at the key and suggests the nearest', () => {
  const error = only('server:\n  port: 4000\nmodel:\n  x: openai/y\n');
  assert.equal(error.path, 'model');
  assert.equal(error.line, 3);
  assert.equal(error.column, 1);
  assert.match(error.message, /unknown key "model" \(did you mean "models"\? allowed: server, upstream_defaults, providers, models, pricing, routing\)/);
});

test('unknown nested keys are each reported at their own line', () => {
  const errors = errorsOf('server:\n  limits:\n    max_body: 10\n    max_json_depth: 3\n    max_headers: 5\n');
  assert.deepEqual(
    errors.map((e) => [e.path, e.line, e.column]),
    [
      ['server.limits.max_body', 3, 5],
      ['server.limits.max_headers', 5, 5],
    ],
  );
  assert.match(errors[0].message, /did you mean "max_body_bytes"\?/);
  assert.match(errors[1].message, /did you mean "max_header_bytes"\?/);
});

test('unknown key inside a target mapping of a model', () => {
  const error = only('providers:\n  p: { type: openai, api_key: k }\nmodels:\n  m:\n    targets:\n      - { provider: p, model: x, modle: y }\n');
  assert.equal(error.path, 'models.m.targets[0].modle');
  assert.equal(error.line, 6);
  assert.equal(error.column, 34);
  assert.match(error.message, /did you mean "model"\?/);
});

test('bad type', () => {
  const error = only('server:\n  host: 127.0.0.1\n  port: [4000]\n');
  assert.equal(error.path, 'server.port');
  assert.equal(error.line, 3);
  assert.equal(error.column, 9);
  assert.match(error.message, /expected number/);
});

test('bad port', () => {
  const error = only('server:\n  port: 70000\n');
  assert.deepEqual([error.path, error.line, error.column, error.message], ['server.port', 2, 9, 'must be an integer between 1 and 65535']);
});

test('bad provider type lists the allowed ones and suggests the nearest', () => {
  const error = only('providers:\n  a:\n    type: antropic\n    api_key: k\n');
  assert.deepEqual([error.path, error.line], ['providers.a.type', 3]);
  assert.equal(
    error.message,
    'must be one of: openai, openai-compatible, anthropic, gemini, vertex, bedrock, azure-openai, mistral, cohere; did you mean "anthropic"?',
  );
});

test('bad URLs: scheme, query, credentials, garbage', () => {
  const cases: Array<[string, RegExp]> = [
    ['ftp://h/v1', /http or https/],
    ['https://h/v1?x=1', /query string or fragment/],
    ['https://h/v1#frag', /query string or fragment/],
    ['https://user:pw@h/v1', /credentials/],
    ['not a url', /absolute http\(s\) URL/],
  ];
  for (const [url, message] of cases) {
    const error = only(`providers:\n  local:\n    type: openai-compatible\n    base_url: "${url}"\n`);
    assert.deepEqual([error.path, error.line, error.column], ['providers.local.base_url', 4, 15], url);
    assert.match(error.message, message);
    assert.ok(!error.message.includes('pw'));
  }
});

test('a provider without type says it is required', () => {
  const errors = errorsOf('providers:\n  x: { typ: openai }\n');
  assert.deepEqual(
    errors.map((e) => [e.path, e.message]),
    [
      ['providers.x.type', 'required (one of: openai, openai-compatible, anthropic, gemini, vertex, bedrock, azure-openai, mistral, cohere)'],
      [
        'providers.x.typ',
        'unknown key "typ" (did you mean "type"? allowed: type, base_url, api_key, headers, max_connections, connection_queue_max, connection_wait_ms, timeouts, api_version, region, project, aws, gcp_service_account_file, gcp_service_account, azure_ad_token, deployments, extra_body_fields, data_policy, allowed_betas)',
      ],
    ],
  );
});

test('openai-compatible without base_url', () => {
  const error = only('providers:\n  local:\n    type: openai-compatible\n');
  assert.deepEqual([error.path, error.line], ['providers.local.base_url', 2]);
  assert.match(error.message, /required for type "openai-compatible"/);
});

test('unknown provider lists the defined ones and suggests the nearest', () => {
  const text = `providers:
  openai: { type: openai, api_key: k }
  local: { type: openai-compatible, base_url: "http://h/v1" }
models:
  fast:
    targets:
      - openai/gpt-4o-mini
      - { provider: locl, model: x }
  short: opnai/gpt-4o
`;
  const errors = errorsOf(text);
  assert.deepEqual(
    errors.map((e) => [e.path, e.line, e.column, e.message]),
    [
      ['models.fast.targets[1].provider', 8, 21, 'unknown provider "locl" (defined: openai, local; did you mean "local"?)'],
      ['models.short', 9, 10, 'unknown provider "opnai" (defined: openai, local; did you mean "openai"?)'],
    ],
  );
});

test('unknown provider with nothing close gives no suggestion', () => {
  const error = only('providers:\n  openai: { type: openai, api_key: k }\nmodels:\n  m: zzzzzz/m\n');
  assert.equal(error.message, 'unknown provider "zzzzzz" (defined: openai)');
});

test('a model needs at least one target, and malformed shorthand is explained', () => {
  const errors = errorsOf('models:\n  a: { targets: [] }\n  b: nopath\n  c: 5\n');
  assert.deepEqual(
    errors.map((e) => [e.path, e.line, e.message]),
    [
      ['models.a.targets', 2, 'at least one target is required'],
      ['models.b', 3, 'expected "provider/model", e.g. "openai/gpt-4o-mini"'],
      ['models.c', 4, 'expected "provider/model" or { targets: [...] }'],
    ],
  );
});

test('invalid model and provider names point at the key', () => {
  const errors = errorsOf('providers:\n  "my/prov": { type: openai }\nmodels:\n  "-bad": a/b\n');
  assert.deepEqual(
    errors.map((e) => [e.path, e.line, e.column]),
    [
      ['providers["my/prov"]', 2, 3],
      ['models["-bad"]', 4, 3],
    ],
  );
});

test('a missing required key points at the mapping that lacks it', () => {
  const error = only('pricing:\n  overrides:\n    - model: m\n      input_per_mtok: "1"\n');
  assert.deepEqual([error.path, error.line, error.message], ['pricing.overrides[0].output_per_mtok', 3, 'required']);
});

test('prices with more than 6 fractional digits or negative are rejected', () => {
  const errors = errorsOf('pricing:\n  overrides:\n    - { model: m, input_per_mtok: "0.0000001", output_per_mtok: -1 }\n');
  assert.deepEqual(
    errors.map((e) => e.path),
    ['pricing.overrides[0].input_per_mtok', 'pricing.overrides[0].output_per_mtok'],
  );
});

test('unset environment variable names the variable and the path, never a value', () => {
  const error = only('providers:\n  openai:\n    type: openai\n    api_key: ${OPENAI_API_KEY}\n');
  assert.deepEqual([error.path, error.line, error.column], ['providers.openai.api_key', 4, 14]);
  assert.match(error.message, /environment variable OPENAI_API_KEY is not set/);
});

test('an unset variable in a number field is reported once', () => {
  const error = only('server:\n  port: ${PORT}\n');
  assert.deepEqual([error.path, error.line], ['server.port', 2]);
  assert.match(error.message, /PORT is not set/);
});

test('YAML syntax errors carry their line', () => {
  const errors = errorsOf('server:\n  port: 4000\n  host: [127.0.0.1\nmodels: {}\n');
  assert.ok(errors.length >= 1);
  assert.equal(errors[0].path, '');
  assert.match(errors[0].message, /^YAML syntax error: /);
  assert.equal(typeof errors[0].line, 'number');
  assert.ok(errors[0].line! >= 3 && errors[0].line! <= 4, `line ${errors[0].line}`);
});

test('duplicate keys are a YAML error at the duplicate', () => {
  const error = only('server:\n  port: 1\n  port: 2\n');
  assert.equal(error.line, 3);
  assert.match(error.message, /unique/i);
});

test('admin port equal to the main port, and batch size above queue size', () => {
  const errors = errorsOf('server:\n  port: 4000\n  admin: { port: 4000 }\n  records: { queue_max: 10, batch_size: 20 }\n');
  assert.deepEqual(
    errors.map((e) => [e.path, e.line]),
    [
      ['server.admin.port', 3],
      ['server.records.batch_size', 4],
    ],
  );
});

test('metrics on the admin listener needs an admin port; unknown auth and listener values list the allowed ones', () => {
  const errors = errorsOf('server:\n  metrics: { listener: admin }\n');
  assert.deepEqual(errors.map((e) => [e.path, e.message]), [['server.metrics.listener', 'admin needs server.admin.port: without it the admin API shares the main listener (use listener: main, or set server.admin.port)']]);
  const bad = errorsOf('server:\n  metrics: { auth: token, listener: side }\n');
  assert.deepEqual(bad.map((e) => e.path), ['server.metrics.auth', 'server.metrics.listener']);
  assert.match(bad[0].message, /none.*master_key/);
});

test('reserved and malformed header names are rejected at the key', () => {
  const errors = errorsOf('providers:\n  o:\n    type: openai\n    headers:\n      Host: x\n      "bad header": y\n');
  assert.deepEqual(
    errors.map((e) => [e.path, e.line, e.column]),
    [
      ['providers.o.headers.Host', 5, 7],
      ['providers.o.headers["bad header"]', 6, 7],
    ],
  );
});

test('a top level that is not a mapping is rejected', () => {
  const error = only('- a\n- b\n');
  assert.equal(error.path, '');
  assert.match(error.message, /expected object/);
});

test('alias bombs are refused', () => {
  const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 0; i < 8; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`);
  const errors = errorsOf(lines.join('\n'));
  assert.ok(errors.length >= 1);
});

test('an alias used before its anchor is located at the alias (found by the property test: "*!" had no location)', () => {
  const error = only('*!');
  assert.match(error.message, /cannot read YAML: Unresolved alias/);
  assert.deepEqual([error.line, error.column], [1, 1]);
  const later = only('server:\n  port: 4000\nmodels:\n  x: *nowhere\n');
  assert.deepEqual([later.line, later.column], [4, 6]);
});
