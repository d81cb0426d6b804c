import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpError } from '../server/http-error.ts';
import { checkModelName, isValidModelName } from './check-model-name.ts';

test('real model ids follow the rule', () => {
  for (const name of [
    'gpt-4o-mini',
    'anthropic.claude-3-5-sonnet-20241022-v2:0',
    'claude-3-5-sonnet@20241022',
    'accounts/fireworks/models/x',
    'meta-llama/Llama-3.1-8B-Instruct',
    'ft:gpt-4o-mini:org:custom:abc',
    'openai/gpt-4o',
    'models/gemini-2.0-flash',
    'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20241022-v2:0',
    'llama3.1:8b-instruct-q4_K_M',
    'x+y',
    '...',
    '.hidden/a.b',
    'x'.repeat(256),
  ]) assert.equal(isValidModelName(name), true, name);
});

test('names outside the rule are refused', () => {
  for (const name of [
    '',
    'x'.repeat(257),
    'gpt\r\nx-injected: 1',
    'gpt\n',
    'модель',
    'gpt-4o\u00e9',
    'gpt 4o',
    'gpt%2e%2e',
    'a\u0000b',
    'gpt*',
    'openai/../admin',
    'openai/./x',
    'openai/..',
    '../x',
    './x',
    '.',
    '..',
    'a//b',
    '/a',
    'a/',
    'a?b',
    'a#b',
    'a\\b',
    '\u{1F600}',
  ]) assert.equal(isValidModelName(name), false, JSON.stringify(name));
});

test('checkModelName throws a 400 invalid_model_name that names the field and states the rule', () => {
  assert.doesNotThrow(() => checkModelName('gpt-4o', 'model'));
  assert.throws(() => checkModelName('a\r\nb', 'models[2]'), (e: unknown) => {
    assert.ok(e instanceof HttpError);
    assert.equal(e.status, 400);
    assert.equal(e.type, 'invalid_request_error');
    assert.equal(e.code, 'invalid_model_name');
    assert.equal(e.param, 'models[2]');
    assert.match(e.message, /1 to 256 characters of letters, digits and \. _ : \/ @ \+ -/);
    assert.ok(!e.message.includes('\r'), 'the name is not quoted back');
    return true;
  });
});
