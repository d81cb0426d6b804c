import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatConfigErrors } from './format-config-errors.ts';
import { parseConfigText } from './parse-config-text.ts';
import { redactSourceLine } from './redact-source-line.ts';

const TEXT = `providers:
  openai: { type: openai, api_key: k }
  local: { type: openai-compatible, base_url: "http://h/v1" }
models:
  fast:
    targets:
      - { provider: locl, model: x }
`;

test('renders file:line:col, path, message and a caret under the column', () => {
  const result = parseConfigText(TEXT, {}, 'switchyard.yaml');
  assert.equal(result.ok, false);
  if (result.ok) return;
  const expected = [
    'switchyard.yaml:7:21  models.fast.targets[0].provider: unknown provider "locl" (defined: openai, local; did you mean "local"?)',
    '    7 |       - { provider: locl, model: x }',
    '      |                     ^',
  ].join('\n');
  assert.equal(formatConfigErrors(result.errors, TEXT), expected);
  assert.equal(formatConfigErrors(result.errors), expected, 'the stored excerpt renders the same without the text');
});

test('errors without a location render as one line', () => {
  assert.equal(formatConfigErrors([{ path: '', message: 'config file not found: /x', source: '/x' }]), '/x  config file not found: /x');
  assert.equal(formatConfigErrors([{ path: 'a.b', message: 'bad' }]), 'a.b: bad');
});

test('secret values never appear in excerpts', () => {
  const text = 'providers:\n  openai:\n    type: openai\n    api_key: [sk-live-123]\n';
  const result = parseConfigText(text, {}, 'c.yaml');
  assert.equal(result.ok, false);
  if (result.ok) return;
  const rendered = formatConfigErrors(result.errors, text);
  assert.ok(!rendered.includes('sk-live-123'), rendered);
  assert.match(rendered, /api_key: <redacted>/);
  assert.ok(!JSON.stringify(result.errors).includes('sk-live-123'));
});

test('redaction covers block, flow and header forms but keeps ${VAR} references', () => {
  assert.equal(redactSourceLine('    api_key: sk-abc  # prod'), '    api_key: <redacted>  # prod');
  assert.equal(redactSourceLine('    api_key: ${OPENAI_API_KEY}'), '    api_key: ${OPENAI_API_KEY}');
  assert.equal(redactSourceLine('  o: { type: openai, api_key: "sk-abc", x: 1 }'), '  o: { type: openai, api_key: <redacted>, x: 1 }');
  assert.equal(redactSourceLine('  o: { api_key: ${K}, x: 1 }'), '  o: { api_key: ${K}, x: 1 }');
  assert.equal(redactSourceLine('      Authorization: Bearer sk-abc'), '      Authorization: <redacted>');
  assert.equal(redactSourceLine('      x-api-key: abc'), '      x-api-key: <redacted>');
  assert.equal(redactSourceLine('  port: 4000'), '  port: 4000');
});

test('redaction covers the new secret fields: aws, private_key, tokens, key-material lines', () => {
  assert.equal(
    redactSourceLine('    aws: { access_key_id: AKIAXYZ, secret_access_key: "abc/def", session_token: ${T} }'),
    '    aws: { access_key_id: <redacted>, secret_access_key: <redacted>, session_token: ${T} }',
  );
  assert.equal(redactSourceLine('    aws: AKIAIOSFODNN7EXAMPLE'), '    aws: <redacted>');
  assert.equal(redactSourceLine('      secret_access_key: wJalrXUtnFEMI/K7MDENG  # prod'), '      secret_access_key: <redacted>  # prod');
  assert.equal(redactSourceLine('    azure_ad_token: eyJhbGciOi'), '    azure_ad_token: <redacted>');
  assert.equal(redactSourceLine('    gcp_service_account: { client_email: a@b.c, private_key: "-----BEGIN" }'), '    gcp_service_account: { client_email: a@b.c, private_key: <redacted> }');
  assert.equal(redactSourceLine('    gcp_service_account: "{\\"private_key\\": 1}"'), '    gcp_service_account: <redacted>');
  assert.equal(redactSourceLine('      private_key: |'), '      private_key: |');
  assert.equal(redactSourceLine('    aws:                # required'), '    aws:                # required');
  assert.equal(redactSourceLine('        MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7'), '        <redacted>');
  assert.equal(redactSourceLine('  MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\\n\\'), '  <redacted>');
  assert.equal(redactSourceLine('    gcp_service_account_file: /etc/keys/sa.json'), '    gcp_service_account_file: /etc/keys/sa.json');
  assert.equal(redactSourceLine('      gpt-4o: my-gpt4o-deployment'), '      gpt-4o: my-gpt4o-deployment');
  assert.equal(redactSourceLine('  text-embedding-3-small: openai/text-embedding-3-small'), '  text-embedding-3-small: openai/text-embedding-3-small');
});

test('AWS secrets in a rejected provider never appear in errors or excerpts', () => {
  const text = 'providers:\n  br:\n    type: bedrock\n    region: us-east-1\n    aws: { access_key_id: AKIASECRET1, secret_access_key: s3cr3t-value, extra: 1 }\n    api_key: sk-live-999\n';
  const result = parseConfigText(text, {}, 'c.yaml');
  assert.equal(result.ok, false);
  if (result.ok) return;
  const rendered = formatConfigErrors(result.errors, text);
  for (const secret of ['AKIASECRET1', 's3cr3t-value']) {
    assert.ok(!rendered.includes(secret), rendered);
    assert.ok(!JSON.stringify(result.errors).includes(secret));
  }
  assert.match(rendered, /providers\.br\.aws\.extra: unknown key "extra"/);
});

test('redaction hides the userinfo of a URL under any key', () => {
  assert.equal(redactSourceLine('    base_url: https://admin:hunter2@proxy.internal/v1'), '    base_url: https://<redacted>@proxy.internal/v1');
  assert.equal(redactSourceLine('  o: { type: openai, base_url: "http://tok3n@10.0.0.1:8000/v1" }'), '  o: { type: openai, base_url: "http://<redacted>@10.0.0.1:8000/v1" }');
  assert.equal(redactSourceLine('    base_url: https://api.example.com/v1  # contact ops@example.com'), '    base_url: https://api.example.com/v1  # contact ops@example.com');
});

test('a base_url with credentials is rejected without showing them', () => {
  const text = 'providers:\n  o:\n    type: openai-compatible\n    base_url: https://admin:hunter2-secret@proxy.internal/v1\n';
  const result = parseConfigText(text, {}, 'switchyard.yaml');
  assert.equal(result.ok, false);
  if (result.ok) return;
  const rendered = formatConfigErrors(result.errors, text);
  assert.match(rendered, /must not contain credentials/);
  assert.ok(!rendered.includes('hunter2'), rendered);
  assert.ok(!JSON.stringify(result.errors).includes('hunter2'));
});
