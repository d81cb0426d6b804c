import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatConfigErrors } from './format-config-errors.ts';
import { parseConfigText } from './parse-config-text.ts';

function warningsOf(text: string, env: Record<string, string | undefined>): string[] {
  const result = parseConfigText(text, env, 'switchyard.yaml');
  if (!result.ok) assert.fail(formatConfigErrors(result.errors, text));
  return result.warnings;
}

test('types that need an API key warn when it is missing; openai-compatible does not', () => {
  const text = 'providers:\n  a: { type: anthropic }\n  g: { type: gemini }\n  m: { type: mistral }\n  c: { type: cohere }\n  l: { type: openai-compatible, base_url: "http://h/v1" }\n';
  assert.deepEqual(warningsOf(text, {}), [
    'switchyard.yaml:2:3  providers.a.api_key: is not set; requests to provider "a" will be sent without an API key',
    'switchyard.yaml:3:3  providers.g.api_key: is not set; requests to provider "g" will be sent without an API key',
    'switchyard.yaml:4:3  providers.m.api_key: is not set; requests to provider "m" will be sent without an API key',
    'switchyard.yaml:5:3  providers.c.api_key: is not set; requests to provider "c" will be sent without an API key',
  ]);
});

test('empty AWS keys warn with the variable names and never a value; an empty session token is fine', () => {
  const text = `providers:
  br:
    type: bedrock
    region: us-west-2
    aws:
      access_key_id: \${AWS_ACCESS_KEY_ID:-}
      secret_access_key: \${AWS_SECRET_ACCESS_KEY:-}
      session_token: \${AWS_SESSION_TOKEN:-}
`;
  assert.deepEqual(warningsOf(text, { AWS_SECRET_ACCESS_KEY: 'top-secret-value' }), [
    'switchyard.yaml:6:22  providers.br.aws.access_key_id: is empty (AWS_ACCESS_KEY_ID unset or empty); requests to provider "br" cannot be signed',
  ]);
});

test('azure-openai warns only when neither alternative credential has a value', () => {
  const text = `providers:
  az:
    type: azure-openai
    base_url: https://r.openai.azure.com
    api_key: \${AZURE_OPENAI_API_KEY:-}
    azure_ad_token: \${AZURE_AD_TOKEN:-}
`;
  assert.deepEqual(warningsOf(text, {}), [
    'switchyard.yaml:5:14  providers.az.api_key: is empty (AZURE_OPENAI_API_KEY unset or empty); provider "az" has no credential (api_key or azure_ad_token)',
    'switchyard.yaml:6:21  providers.az.azure_ad_token: is empty (AZURE_AD_TOKEN unset or empty); provider "az" has no credential (api_key or azure_ad_token)',
  ]);
  assert.deepEqual(warningsOf(text, { AZURE_OPENAI_API_KEY: 'k' }), []);
});

test('a deployment no model target uses is worth a warning', () => {
  const text = `providers:
  az:
    type: azure-openai
    base_url: https://r.openai.azure.com
    api_key: k
    deployments:
      gpt-4o: prod-gpt4o
      gpt-4o-mini: prod-mini
models:
  chat: az/gpt-4o
`;
  assert.deepEqual(warningsOf(text, {}), [
    'switchyard.yaml:8:20  providers.az.deployments.gpt-4o-mini: no model target sends "gpt-4o-mini" to provider "az", so this deployment is never used',
  ]);
});
