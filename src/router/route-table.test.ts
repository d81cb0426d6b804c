import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRouteTable } from './route-table.ts';
import { keys, modelConfig, target } from './test-routes.ts';

const models = {
  'gpt-4o': modelConfig('gpt-4o', [target('openai/gpt-4o'), target('azure/gpt-4o')], { aliases: ['4o', 'openai/gpt-4o-exact'] }),
  'openai/*': modelConfig('openai/*', [target('openai/*'), target('azure/prod-*-deploy')]),
  'openai/o*': modelConfig('openai/o*', [target('openai/o*')]),
  '*': modelConfig('*', [target('local/*'), target('openrouter/fixed-model')]),
};

test('exact names resolve to the configured targets with keys and route names', () => {
  const table = buildRouteTable(models);
  const route = table.resolve('gpt-4o');
  assert.ok(route);
  assert.equal(route.requested, 'gpt-4o');
  assert.equal(route.config, models['gpt-4o']);
  assert.deepEqual(keys(route.targets), ['openai/gpt-4o', 'azure/gpt-4o']);
  assert.deepEqual(route.targets.map((t) => t.route), ['gpt-4o', 'gpt-4o']);
  assert.equal(table.resolve('gpt-4o'), route, 'exact routes are prebuilt, not rebuilt per call');
});

test('aliases resolve to their route and keep the name the client sent', () => {
  const table = buildRouteTable(models);
  const route = table.resolve('4o');
  assert.equal(route?.requested, '4o');
  assert.equal(route?.config.name, 'gpt-4o');
  assert.deepEqual(keys(route!.targets), ['openai/gpt-4o', 'azure/gpt-4o']);
  assert.equal(route!.targets[0].route, 'gpt-4o');
});

test('exact names and aliases win over wildcards that would also match', () => {
  const table = buildRouteTable(models);
  assert.equal(table.resolve('openai/gpt-4o-exact')?.config.name, 'gpt-4o');
});

test('a wildcard substitutes the remainder into each target model', () => {
  const route = buildRouteTable(models).resolve('openai/gpt-4o-mini');
  assert.equal(route?.config.name, 'openai/*');
  assert.equal(route?.requested, 'openai/gpt-4o-mini');
  assert.deepEqual(route!.targets.map((t) => t.model), ['gpt-4o-mini', 'prod-gpt-4o-mini-deploy']);
  assert.deepEqual(keys(route!.targets), ['openai/gpt-4o-mini', 'azure/prod-gpt-4o-mini-deploy']);
  assert.deepEqual(route!.targets.map((t) => t.route), ['openai/*', 'openai/*']);
  assert.equal(models['openai/*'].targets[0].model, '*', 'the config is not mutated');
});

test('the longest wildcard prefix wins', () => {
  const table = buildRouteTable(models);
  assert.equal(table.resolve('openai/o3-mini')?.config.name, 'openai/o*');
  assert.equal(table.resolve('openai/o3-mini')?.targets[0].model, 'o3-mini', 'target model "o*" keeps its own prefix');
  assert.equal(table.resolve('openai/gpt-5')?.config.name, 'openai/*');
});

test('"*" alone matches any name, and a target without "*" keeps its model', () => {
  const route = buildRouteTable(models).resolve('llama3.1:8b');
  assert.equal(route?.config.name, '*');
  assert.deepEqual(keys(route!.targets), ['local/llama3.1:8b', 'openrouter/fixed-model']);
});

test('an empty remainder does not match that wildcard', () => {
  const table = buildRouteTable({ 'openai/*': models['openai/*'] });
  assert.equal(table.resolve('openai/'), undefined);
  assert.equal(table.resolve('anthropic/claude'), undefined);
  assert.equal(buildRouteTable(models).resolve('openai/')?.config.name, '*', 'a shorter prefix can still match');
});

test('unknown names resolve to undefined without wildcards', () => {
  const table = buildRouteTable({ 'gpt-4o': models['gpt-4o'] });
  assert.equal(table.resolve('gpt-4'), undefined);
  assert.equal(table.resolve(''), undefined);
});

test('list returns every route in config order', () => {
  assert.deepEqual(buildRouteTable(models).list().map((m) => m.name), ['gpt-4o', 'openai/*', 'openai/o*', '*']);
});

test('two routes claiming one name are refused with both names', () => {
  assert.throws(
    () => buildRouteTable({ a: modelConfig('a', [target('x/y')], { aliases: ['b'] }), b: modelConfig('b', [target('x/z')]) }),
    /model name "b" is used by both "a" and "b"/,
  );
  assert.throws(
    () => buildRouteTable({ 'x/*': modelConfig('x/*', [target('x/*')], { aliases: ['plain'] }) }),
    /wildcard route "x\/\*" cannot have aliases/,
  );
});
