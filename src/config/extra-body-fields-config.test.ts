import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfigText } from './parse-config-text.ts';

const provider = (type: string, fields: string) => `providers:
  local:
    type: ${type}
    base_url: http://127.0.0.1:8000/v1
    extra_body_fields: ${fields}
models:
  m: local/m
`;

test('extra_body_fields is read for openai-compatible providers, without duplicates', () => {
  const r = parseConfigText(provider('openai-compatible', '[top_k, repetition_penalty, top_k]'), {});
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  assert.deepEqual(r.config.providers.local.extraBodyFields, ['top_k', 'repetition_penalty']);
});

test('extra_body_fields is only valid for openai-compatible', () => {
  const r = parseConfigText(provider('openai', '[top_k]'), {});
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.deepEqual(r.errors.map((e) => [e.path, e.message]), [['providers.local.extra_body_fields', 'extra_body_fields is only valid for type openai-compatible']]);
});

test('endpoint, credential and header-like names are refused with a clear message', () => {
  for (const [name, what] of [['api_base', /endpoint or credential/], ['api_key', /endpoint or credential/], ['extra_headers', /header/], ['x-api-key', /header/], ['aws_secret_access_key', /credential/]] as const) {
    const r = parseConfigText(provider('openai-compatible', `[top_k, ${name}]`), {}, 'c.yaml');
    assert.equal(r.ok, false, name);
    if (r.ok) continue;
    assert.equal(r.errors[0].path, 'providers.local.extra_body_fields[1]', name);
    assert.match(r.errors[0].message, what, name);
    assert.match(r.errors[0].message, /can never be forwarded/, name);
  }
});

test('a name that is not a field name is refused', () => {
  const r = parseConfigText(provider('openai-compatible', '["top k"]'), {});
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.match(r.errors[0].message, /must be a request field name/);
});
