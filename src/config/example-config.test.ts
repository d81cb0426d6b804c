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
  assert.deepEqual(
    result.config.models.fast.targets.map(({ provider, model, priority }) => ({ provider, model, priority })),
    [
      { provider: 'openai', model: 'gpt-4o-mini', priority: 0 },
      { provider: 'local', model: 'llama3.1:8b', priority: 1 },
    ],
  );
  assert.deepEqual(result.config.providers.local.dataPolicy, { dataCollection: 'deny', zdr: true });
  assert.deepEqual(result.config.models.fast.targets[1].dataPolicy, { dataCollection: 'deny', zdr: true });
  assert.deepEqual(result.config.routing, {
    breaker: { consecutiveFailures: 5, errorRate: 0.5, minRequests: 20, windowMs: 60000, openMs: 30000, maxOpenMs: 300000 },
    healthChecks: { intervalMs: 0, timeoutMs: 10000 },
  });
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

/** The `section:` block of the example with its commented examples (`  # key:` lines and their indented bodies) uncommented. */
function uncommentSection(text: string, section: string, next: string, example: RegExp): { start: number; end: number; body: string } {
  const start = text.indexOf(`\n${section}:`);
  const end = text.indexOf(`\n${next}:`, start);
  const body = text
    .slice(start, end)
    .split('\n')
    .map((line) => (example.test(line) ? `  ${line.slice(4)}` : line))
    .join('\n');
  return { start, end, body };
}

const PROVIDER_EXAMPLE = /^ {2}# ([a-z-]+:$| {2,}\S)/;
const ROUTE_EXAMPLE = /^ {2}# (("\*"|[a-z0-9][a-z0-9./*-]*):( .*)?$| {2,}\S)/;

test('every commented provider example in switchyard.example.yaml is valid once uncommented', () => {
  const text = readFileSync(EXAMPLE_PATH, 'utf8');
  const { start, end, body: providers } = uncommentSection(text, 'providers', 'models', PROVIDER_EXAMPLE);
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

test('every commented route example in switchyard.example.yaml is valid once uncommented', () => {
  const text = readFileSync(EXAMPLE_PATH, 'utf8');
  const providers = uncommentSection(text, 'providers', 'models', PROVIDER_EXAMPLE);
  const routes = uncommentSection(text, 'models', 'pricing', ROUTE_EXAMPLE);
  assert.equal(providers.end, routes.start);
  const uncommented = text.slice(0, providers.start) + providers.body + routes.body + text.slice(routes.end);
  const env = { ANTHROPIC_API_KEY: 'a', GEMINI_API_KEY: 'g', AWS_ACCESS_KEY_ID: 'AKIA', AWS_SECRET_ACCESS_KEY: 's', AZURE_OPENAI_API_KEY: 'z', MISTRAL_API_KEY: 'm', COHERE_API_KEY: 'c' };
  const keyFile = JSON.stringify({ type: 'service_account', client_email: 'sa@p.iam.gserviceaccount.com', private_key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) });
  const result = parseConfigText(uncommented, { ...env, GOOGLE_APPLICATION_CREDENTIALS: '/k.json' }, 'switchyard.example.yaml', { readFile: () => keyFile });
  if (!result.ok) assert.fail(formatConfigErrors(result.errors, uncommented));
  const { models, pricing } = result.config;
  assert.deepEqual(Object.keys(models), ['gpt-4o-mini', 'gpt-4o', 'text-embedding-3-small', 'fast', 'chat', 'balanced', 'openai/*', 'gpt-*', '*']);
  assert.deepEqual(models.chat.aliases, ['assistant']);
  assert.deepEqual(models.chat.hedge, { after: { fixedMs: 800 } });
  assert.equal(models.chat.targets[0].contextWindow, 1047576);
  assert.deepEqual(models.chat.targets[0].timeouts, { connectMs: 5000, firstByteMs: 20000, idleMs: 30000, totalMs: 600000 });
  assert.deepEqual(models.balanced.targets.map((target) => target.weight), [3, 1, 0]);
  assert.deepEqual([models['openai/*'].wildcard, models['gpt-*'].wildcard, models['*'].wildcard, models.chat.wildcard], [true, true, true, false]);
  assert.deepEqual(models['gpt-*'].targets.map((target) => `${target.provider}/${target.model}`), ['openai/gpt-*', 'azure/gpt-*']);
  assert.ok(pricing.overrides.some((o) => o.provider === 'openai' && o.model === 'gpt-4.1-mini' && o.inputPerMTok === '0.40'));
});
