import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { formatConfigErrors } from './format-config-errors.ts';
import { parseConfigText } from './parse-config-text.ts';

const EXAMPLE_PATH = new URL('../../switchyard.example.yaml', import.meta.url);

test('switchyard.example.yaml parses cleanly with an empty environment', () => {
  const text = readFileSync(EXAMPLE_PATH, 'utf8');
  const result = parseConfigText(text, {}, 'switchyard.example.yaml');
  if (!result.ok) assert.fail(formatConfigErrors(result.errors, text));
  assert.equal(result.config.providers.local.baseUrl, 'http://127.0.0.1:11434/v1');
  assert.deepEqual(result.config.models.fast.targets, [
    { provider: 'openai', model: 'gpt-4o-mini' },
    { provider: 'local', model: 'llama3.1:8b' },
  ]);
});

test('switchyard.example.yaml picks up keys from the environment', () => {
  const text = readFileSync(EXAMPLE_PATH, 'utf8');
  const result = parseConfigText(text, { OPENAI_API_KEY: 'sk-1', OPENAI_ORG_ID: 'org-1' });
  assert.equal(result.ok, true);
  if (!result.ok) return;
  assert.equal(result.config.providers.openai.apiKey, 'sk-1');
  assert.deepEqual(result.config.providers.openai.headers, { 'OpenAI-Organization': 'org-1' });
  assert.deepEqual(result.warnings, []);
});

test('every commented provider example in switchyard.example.yaml is valid once uncommented', () => {
  const text = readFileSync(EXAMPLE_PATH, 'utf8');
  const start = text.indexOf('\nproviders:');
  const end = text.indexOf('\nmodels:', start);
  const providers = text
    .slice(start, end)
    .split('\n')
    .map((line) => (/^ {2}# ([a-z-]+:$| {2,}\S)/.test(line) ? `  ${line.slice(4)}` : line))
    .join('\n');
  const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' });
  const keyFile = JSON.stringify({ type: 'service_account', client_email: 'sa@p.iam.gserviceaccount.com', private_key: privateKey });
  const env = {
    ANTHROPIC_API_KEY: 'a',
    GEMINI_API_KEY: 'g',
    GOOGLE_APPLICATION_CREDENTIALS: '/keys/sa.json',
    AWS_ACCESS_KEY_ID: 'AKIA',
    AWS_SECRET_ACCESS_KEY: 's',
    AZURE_OPENAI_API_KEY: 'z',
    MISTRAL_API_KEY: 'm',
    COHERE_API_KEY: 'c',
  };
  const uncommented = text.slice(0, start) + providers + text.slice(end);
  const result = parseConfigText(uncommented, env, 'switchyard.example.yaml', { readFile: () => keyFile });
  if (!result.ok) assert.fail(formatConfigErrors(result.errors, uncommented));
  assert.deepEqual(
    Object.values(result.config.providers).map((provider) => provider.type),
    ['openai', 'openai-compatible', 'anthropic', 'gemini', 'vertex', 'bedrock', 'azure-openai', 'mistral', 'cohere'],
  );
});
