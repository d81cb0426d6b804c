import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ConfigError } from './config-error.ts';
import { parseConfigText } from './parse-config-text.ts';

function errorsOf(text: string, env: Record<string, string | undefined> = {}): Array<[string, number | undefined, number | undefined, string]> {
  const result = parseConfigText(text, env, 'switchyard.yaml', { readFile: () => assert.fail('no file should be read') });
  assert.equal(result.ok, false, 'expected the config to be rejected');
  return result.ok ? [] : result.errors.map((e: ConfigError) => [e.path, e.line, e.column, e.message]);
}

test('a key that belongs to another type is an error at that key', () => {
  const text = `providers:
  a:
    type: anthropic
    api_key: k
    aws:
      access_key_id: x
      secret_access_key: y
    region: us-east-1
  o:
    type: openai
    api_version: "2024-10-21"
    deployments: { gpt-4o: d }
    azure_ad_token: t
  g: { type: gemini, api_key: k, project: p }
  b: { type: bedrock, region: us-east-1, aws: { access_key_id: a, secret_access_key: s }, gcp_service_account_file: /k.json }
`;
  assert.deepEqual(errorsOf(text), [
    ['providers.a.aws', 5, 5, 'aws is only valid for type bedrock'],
    ['providers.a.region', 8, 5, 'region is only valid for types vertex, bedrock'],
    ['providers.o.api_version', 11, 5, 'api_version is only valid for types anthropic, azure-openai'],
    ['providers.o.deployments', 12, 5, 'deployments is only valid for type azure-openai'],
    ['providers.o.azure_ad_token', 13, 5, 'azure_ad_token is only valid for type azure-openai'],
    ['providers.g.project', 14, 34, 'project is only valid for type vertex'],
    ['providers.b.gcp_service_account_file', 15, 91, 'gcp_service_account_file is only valid for type vertex'],
  ]);
});

test('api_key on vertex and bedrock says how those types authenticate', () => {
  const text = `providers:
  v:
    type: vertex
    project: p
    region: us-central1
    gcp_service_account_file: /k.json
    api_key: k
  b:
    type: bedrock
    region: us-east-1
    aws: { access_key_id: a, secret_access_key: s }
    api_key: k
`;
  const result = parseConfigText(text, {}, 'switchyard.yaml', { readFile: () => '{}' });
  assert.equal(result.ok, false);
  if (result.ok) return;
  const byPath = result.errors.filter((e) => e.path.endsWith('api_key')).map((e) => [e.path, e.line, e.message]);
  assert.deepEqual(byPath, [
    ['providers.v.api_key', 7, 'api_key is not used by type vertex (it authenticates with gcp_service_account_file or gcp_service_account)'],
    ['providers.b.api_key', 12, 'api_key is not used by type bedrock (it signs requests with the aws credentials)'],
  ]);
});

test('vertex needs project, region and a service account, each reported at the provider', () => {
  assert.deepEqual(errorsOf('providers:\n  v:\n    type: vertex\n'), [
    ['providers.v.project', 2, 3, 'required for type "vertex", the GCP project id'],
    ['providers.v.region', 2, 3, 'required for type "vertex", e.g. us-central1, europe-west4 or global'],
    ['providers.v.gcp_service_account_file', 2, 3, 'required for type "vertex": gcp_service_account_file or gcp_service_account'],
  ]);
});

test('vertex with both service-account forms points at the inline one', () => {
  const text = `providers:
  v:
    type: vertex
    project: p
    region: us-central1
    gcp_service_account_file: /k.json
    gcp_service_account: { client_email: a@b.c, private_key: "\${K:-}" }
`;
  assert.deepEqual(errorsOf(text), [['providers.v.gcp_service_account', 7, 5, 'use either gcp_service_account_file or gcp_service_account, not both']]);
});

test('bedrock needs region and aws, and aws needs both keys', () => {
  assert.deepEqual(errorsOf('providers:\n  b: { type: bedrock }\n'), [
    ['providers.b.region', 2, 3, 'required for type "bedrock", e.g. us-east-1'],
    ['providers.b.aws', 2, 3, 'required for type "bedrock": { access_key_id, secret_access_key }'],
  ]);
  assert.deepEqual(errorsOf('providers:\n  b:\n    type: bedrock\n    region: us-east-1\n    aws:\n      access_key_id: a\n      secret_key: s\n'), [
    ['providers.b.aws.secret_access_key', 5, 5, 'required'],
    ['providers.b.aws.secret_key', 7, 7, 'unknown key "secret_key" (did you mean "secret_access_key"? allowed: access_key_id, secret_access_key, session_token)'],
  ]);
});

test('azure-openai needs base_url and exactly one of api_key and azure_ad_token', () => {
  assert.deepEqual(errorsOf('providers:\n  az:\n    type: azure-openai\n'), [
    ['providers.az.base_url', 2, 3, 'required for type "azure-openai", e.g. https://my-resource.openai.azure.com'],
    ['providers.az.api_key', 2, 3, 'required for type "azure-openai": api_key or azure_ad_token'],
  ]);
  const both = 'providers:\n  az:\n    type: azure-openai\n    base_url: https://r.openai.azure.com\n    api_key: k\n    azure_ad_token: t\n';
  assert.deepEqual(errorsOf(both), [['providers.az.azure_ad_token', 6, 5, 'use either api_key or azure_ad_token, not both']]);
});

test('openai-compatible still needs base_url', () => {
  assert.deepEqual(errorsOf('providers:\n  local:\n    type: openai-compatible\n'), [
    ['providers.local.base_url', 2, 3, 'required for type "openai-compatible", e.g. http://127.0.0.1:11434/v1'],
  ]);
});

test('values that land in URLs are restricted: region, project, api_version, deployment names', () => {
  const text = `providers:
  b: { type: bedrock, region: "evil.com/x", aws: { access_key_id: a, secret_access_key: s } }
  v: { type: vertex, region: us-central1, project: "p/../x", gcp_service_account_file: /k.json }
  az:
    type: azure-openai
    base_url: https://r.openai.azure.com
    api_key: k
    api_version: "2024-10-21&x=1"
    deployments: { gpt-4o: "a/b" }
`;
  assert.deepEqual(errorsOf(text), [
    ['providers.b.region', 2, 31, 'must be a region name such as us-east-1, us-central1 or global'],
    ['providers.v.project', 3, 52, 'must be a GCP project id such as my-project-123'],
    ['providers.az.api_version', 8, 18, 'must be a version such as 2024-10-21 or 2024-12-01-preview'],
    ['providers.az.deployments.gpt-4o', 9, 28, 'must be an Azure deployment name of letters, digits and . _ -'],
  ]);
});

test('the service-account key file path must not be empty', () => {
  const text = 'providers:\n  v: { type: vertex, region: us-central1, project: p, gcp_service_account_file: "${KEY_FILE:-}" }\n';
  assert.deepEqual(errorsOf(text), [['providers.v.gcp_service_account_file', 2, 81, 'must be the path of a service-account key JSON file']]);
});
