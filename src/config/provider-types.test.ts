import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { parseConfigText } from './parse-config-text.ts';
import type { ProviderConfig } from './types.ts';

const PRIVATE_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const TIMEOUTS = { connectMs: 5000, firstByteMs: 60000, idleMs: 30000, totalMs: 600000 };
const COMMON = { dataPolicy: { dataCollection: 'allow', zdr: false }, headers: {}, maxConnections: 4096, connectionQueueMax: 1024, connectionWaitMs: 1000, timeouts: TIMEOUTS } as const;

function providers(text: string, env: Record<string, string | undefined> = {}): { providers: Record<string, ProviderConfig>; warnings: string[] } {
  const result = parseConfigText(text, env, 'switchyard.yaml');
  if (!result.ok) assert.fail(JSON.stringify(result.errors, null, 2));
  return { providers: result.config.providers, warnings: result.warnings };
}

const EVERY_TYPE = `providers:
  oai: { type: openai, api_key: sk-1 }
  compat: { type: openai-compatible, base_url: "http://127.0.0.1:11434/v1/" }
  claude: { type: anthropic, api_key: "\${ANTHROPIC_API_KEY}" }
  gem: { type: gemini, api_key: "\${GEMINI_API_KEY}" }
  vx:
    type: vertex
    project: my-project
    region: us-central1
    gcp_service_account:
      client_email: sa@my-project.iam.gserviceaccount.com
      private_key: \${GCP_PRIVATE_KEY}
  br:
    type: bedrock
    region: us-east-1
    aws:
      access_key_id: \${AWS_ACCESS_KEY_ID}
      secret_access_key: \${AWS_SECRET_ACCESS_KEY}
      session_token: \${AWS_SESSION_TOKEN:-}
  az:
    type: azure-openai
    base_url: https://my-resource.openai.azure.com/
    api_key: \${AZURE_OPENAI_API_KEY}
    deployments:
      gpt-4o: prod-gpt4o
  mis: { type: mistral, api_key: m-1 }
  co: { type: cohere, api_key: c-1, headers: { X-Client-Name: switchyard } }
models:
  gpt-4o: az/gpt-4o
`;

const EVERY_TYPE_ENV = {
  ANTHROPIC_API_KEY: 'sk-ant-1',
  GEMINI_API_KEY: 'AIza-1',
  GCP_PRIVATE_KEY: PRIVATE_KEY,
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'aws-secret',
  AZURE_OPENAI_API_KEY: 'az-key',
};

test('one provider of every type normalizes to the exact ProviderConfig', () => {
  const result = providers(EVERY_TYPE, EVERY_TYPE_ENV);
  assert.deepEqual(result.warnings, []);
  const expected: Record<string, ProviderConfig> = {
    oai: { id: 'oai', type: 'openai', baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-1', ...COMMON },
    compat: { id: 'compat', type: 'openai-compatible', baseUrl: 'http://127.0.0.1:11434/v1', ...COMMON },
    claude: { id: 'claude', type: 'anthropic', baseUrl: 'https://api.anthropic.com/v1', apiKey: 'sk-ant-1', apiVersion: '2023-06-01', ...COMMON },
    gem: { id: 'gem', type: 'gemini', baseUrl: 'https://generativelanguage.googleapis.com/v1beta', apiKey: 'AIza-1', ...COMMON },
    vx: {
      id: 'vx',
      type: 'vertex',
      baseUrl: 'https://us-central1-aiplatform.googleapis.com/v1',
      region: 'us-central1',
      project: 'my-project',
      gcpServiceAccount: { clientEmail: 'sa@my-project.iam.gserviceaccount.com', privateKey: PRIVATE_KEY, tokenUri: 'https://oauth2.googleapis.com/token' },
      ...COMMON,
    },
    br: {
      id: 'br',
      type: 'bedrock',
      baseUrl: 'https://bedrock-runtime.us-east-1.amazonaws.com',
      region: 'us-east-1',
      aws: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'aws-secret' },
      ...COMMON,
    },
    az: {
      id: 'az',
      type: 'azure-openai',
      baseUrl: 'https://my-resource.openai.azure.com/openai',
      apiKey: 'az-key',
      apiVersion: '2024-10-21',
      deployments: { 'gpt-4o': 'prod-gpt4o' },
      ...COMMON,
    },
    mis: { id: 'mis', type: 'mistral', baseUrl: 'https://api.mistral.ai/v1', apiKey: 'm-1', ...COMMON },
    co: { id: 'co', type: 'cohere', baseUrl: 'https://api.cohere.com/v2', apiKey: 'c-1', ...COMMON, headers: { 'X-Client-Name': 'switchyard' } },
  };
  assert.deepEqual(result.providers, expected);
});

test('vertex in the global region uses the host without a region prefix', () => {
  const text = `providers:
  vx:
    type: vertex
    project: 123456789
    region: global
    gcp_service_account: { client_email: a@b.iam.gserviceaccount.com, private_key: "\${K}", token_uri: "https://oauth2.example.test/token" }
`;
  const vx = providers(text, { K: PRIVATE_KEY }).providers.vx;
  assert.equal(vx.baseUrl, 'https://aiplatform.googleapis.com/v1');
  assert.equal(vx.project, '123456789');
  assert.deepEqual(vx.gcpServiceAccount, { clientEmail: 'a@b.iam.gserviceaccount.com', privateKey: PRIVATE_KEY, tokenUri: 'https://oauth2.example.test/token' });
});

test('bedrock keeps a session token and an explicit base_url overrides the regional default', () => {
  const text = `providers:
  br:
    type: bedrock
    region: eu-west-3
    base_url: http://127.0.0.1:9999
    aws: { access_key_id: AKIA2, secret_access_key: s2, session_token: t2 }
`;
  const br = providers(text).providers.br;
  assert.equal(br.baseUrl, 'http://127.0.0.1:9999');
  assert.equal(br.region, 'eu-west-3');
  assert.deepEqual(br.aws, { accessKeyId: 'AKIA2', secretAccessKey: 's2', sessionToken: 't2' });
});

test('azure-openai with an Entra ID token, its own api_version and a base_url that already has a path', () => {
  const text = `providers:
  az:
    type: azure-openai
    base_url: http://127.0.0.1:8080/gateway/openai
    azure_ad_token: \${AZURE_AD_TOKEN}
    api_version: 2024-12-01-preview
`;
  const az = providers(text, { AZURE_AD_TOKEN: 'eyJ-token' }).providers.az;
  assert.deepEqual(az, {
    id: 'az',
    type: 'azure-openai',
    baseUrl: 'http://127.0.0.1:8080/gateway/openai',
    azureAdToken: 'eyJ-token',
    apiVersion: '2024-12-01-preview',
    ...COMMON,
  });
});

test('azure-openai may list both credentials as alternatives when only one is non-empty', () => {
  const text = `providers:
  az:
    type: azure-openai
    base_url: https://r.openai.azure.com
    api_key: \${AZURE_OPENAI_API_KEY:-}
    azure_ad_token: \${AZURE_AD_TOKEN:-}
`;
  const result = providers(text, { AZURE_AD_TOKEN: 'eyJ' });
  assert.equal(result.providers.az.apiKey, undefined);
  assert.equal(result.providers.az.azureAdToken, 'eyJ');
  assert.deepEqual(result.warnings, []);
});

test('anthropic accepts its own api_version and a base_url override', () => {
  const text = 'providers:\n  a: { type: anthropic, api_key: k, api_version: "2023-01-01", base_url: "http://127.0.0.1:7000/v1" }\n';
  const a = providers(text).providers.a;
  assert.equal(a.apiVersion, '2023-01-01');
  assert.equal(a.baseUrl, 'http://127.0.0.1:7000/v1');
});

test('an inline private key with literal \\n escapes (as pasted from the JSON key) is turned into PEM', () => {
  const escaped = PRIVATE_KEY.replaceAll('\n', '\\n');
  const text = `providers:
  vx:
    type: vertex
    project: p-1
    region: europe-west4
    gcp_service_account: { client_email: a@b.c, private_key: "\${K}" }
`;
  const vx = providers(text, { K: escaped }).providers.vx;
  assert.equal(vx.gcpServiceAccount?.privateKey, PRIVATE_KEY);
  assert.equal(vx.baseUrl, 'https://europe-west4-aiplatform.googleapis.com/v1');
});
