import { generateKeyPairSync } from 'node:crypto';
import type { EmulatedProvider, EmulatorOptions } from '../emulator/server.ts';

export const UPSTREAM_KEY = 'conformance-upstream-key';
export const AWS_TEST_CREDENTIALS = { accessKeyId: 'AKIDCONFORMANCE', secretAccessKey: 'conformance/secret/key' };

/** How the matrix sets up one provider: its emulator and its provider block in switchyard.yaml. */
export interface ProviderSetup {
  provider: EmulatedProvider;
  upstreamModel: string;
  emulator: EmulatorOptions;
  /** The YAML provider block (indented under `providers:`), given the emulator's base URL. */
  yaml: (url: string) => string;
}

/** Every provider type Switchyard speaks natively, each against its emulator. */
export function providerSetups(): ProviderSetup[] {
  const gcp = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKey = gcp.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicKey = gcp.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const pemYaml = JSON.stringify(privateKey);
  return [
    { provider: 'openai', upstreamModel: 'gpt-4o-mini', emulator: { apiKey: UPSTREAM_KEY }, yaml: (u) => `type: openai\n    base_url: ${u}/v1\n    api_key: ${UPSTREAM_KEY}` },
    { provider: 'anthropic', upstreamModel: 'claude-sonnet-4-5', emulator: { apiKey: UPSTREAM_KEY }, yaml: (u) => `type: anthropic\n    base_url: ${u}/v1\n    api_key: ${UPSTREAM_KEY}` },
    { provider: 'gemini', upstreamModel: 'gemini-2.5-flash', emulator: { apiKey: UPSTREAM_KEY }, yaml: (u) => `type: gemini\n    base_url: ${u}/v1beta\n    api_key: ${UPSTREAM_KEY}` },
    {
      provider: 'vertex', upstreamModel: 'gemini-2.5-flash', emulator: { gcpPublicKeyPem: publicKey },
      yaml: (u) => `type: vertex\n    base_url: ${u}/v1\n    project: conformance-project\n    region: us-central1\n    gcp_service_account:\n      client_email: sa@conformance-project.iam.gserviceaccount.com\n      private_key: ${pemYaml}\n      token_uri: ${u}/token`,
    },
    {
      provider: 'bedrock', upstreamModel: 'anthropic.claude-3-5-haiku-20241022-v1:0', emulator: { aws: AWS_TEST_CREDENTIALS },
      yaml: (u) => `type: bedrock\n    base_url: ${u}\n    region: us-east-1\n    aws:\n      access_key_id: ${AWS_TEST_CREDENTIALS.accessKeyId}\n      secret_access_key: ${AWS_TEST_CREDENTIALS.secretAccessKey}`,
    },
    { provider: 'azure-openai', upstreamModel: 'gpt-4o-mini', emulator: { apiKey: UPSTREAM_KEY }, yaml: (u) => `type: azure-openai\n    base_url: ${u}/openai\n    api_key: ${UPSTREAM_KEY}\n    deployments:\n      gpt-4o-mini: prod-gpt4o-mini` },
    { provider: 'mistral', upstreamModel: 'mistral-small-latest', emulator: { apiKey: UPSTREAM_KEY }, yaml: (u) => `type: mistral\n    base_url: ${u}/v1\n    api_key: ${UPSTREAM_KEY}` },
    { provider: 'cohere', upstreamModel: 'command-a-03-2025', emulator: { apiKey: UPSTREAM_KEY }, yaml: (u) => `type: cohere\n    base_url: ${u}/v2\n    api_key: ${UPSTREAM_KEY}` },
  ];
}
