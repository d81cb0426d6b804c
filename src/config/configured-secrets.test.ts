import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configuredSecrets } from './configured-secrets.ts';
import { defaultConfigResult } from './default-config.ts';
import type { Config, ProviderConfig } from './types.ts';

function withProviders(...providers: Partial<ProviderConfig>[]): Config {
  const base = defaultConfigResult({ OPENAI_API_KEY: 'x' }).config;
  const template = Object.values(base.providers)[0];
  return { ...base, providers: Object.fromEntries(providers.map((p, i) => [`p${i}`, { ...template, id: `p${i}`, headers: {}, apiKey: undefined, ...p }])) };
}

test('every kind of configured credential is listed', () => {
  const pem = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n-----END PRIVATE KEY-----\n';
  const secrets = configuredSecrets(withProviders(
    { apiKey: 'sk-openai-key-0001', headers: { 'OpenAI-Organization': 'org-1234567', 'x-custom-auth': 'custom-header-secret' } },
    { aws: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG', sessionToken: 'session-token-value' } },
    { gcpServiceAccount: { clientEmail: 'sa@p.iam.gserviceaccount.com', privateKey: pem, tokenUri: 'https://oauth2.googleapis.com/token' } },
    { apiKey: 'azure-key-0123456789', azureAdToken: 'entra-token-abcdef' },
    { baseUrl: 'https://user%40corp:p%40ss-word-1@proxy.internal/v1' },
  ));
  for (const expected of [
    'sk-openai-key-0001', 'org-1234567', 'custom-header-secret', 'AKIAIOSFODNN7EXAMPLE', 'wJalrXUtnFEMI/K7MDENG', 'session-token-value',
    pem, 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj', 'azure-key-0123456789', 'entra-token-abcdef',
    'p%40ss-word-1', 'p@ss-word-1', 'user@corp',
  ]) assert.ok(secrets.includes(expected), expected);
  assert.ok(!secrets.includes(''));
  assert.ok(!secrets.includes('sa@p.iam.gserviceaccount.com'));
});
