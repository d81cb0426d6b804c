import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelConfig, target } from '../router/test-routes.ts';
import { unknownModelNames } from './unknown-model-names.ts';

const routes = [
  modelConfig('gpt-4o', [target('openai/gpt-4o')], { aliases: ['4o'] }),
  modelConfig('openai/*', [target('openai/*')]),
];

test('route names, aliases and names a wildcard route serves are known', () => {
  assert.deepEqual(unknownModelNames(routes, ['gpt-4o', '4o', 'openai/*', 'openai/gpt-4.1']), []);
});

test('names no route serves are returned in the order given', () => {
  assert.deepEqual(unknownModelNames(routes, ['nope', 'gpt-4o', 'openai/', 'GPT-4o']), ['nope', 'openai/', 'GPT-4o']);
});

test('a catch-all route serves every name', () => {
  assert.deepEqual(unknownModelNames([...routes, modelConfig('*', [target('local/*')])], ['nope']), []);
});
