import assert from 'node:assert/strict';
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
