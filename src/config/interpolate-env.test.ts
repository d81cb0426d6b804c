import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interpolateString, interpolateTree } from './interpolate-env.ts';

function value(text: string, env: Record<string, string | undefined>): string {
  const result = interpolateString(text, env);
  if (!result.ok) assert.fail(result.message);
  return result.value;
}

function failure(text: string, env: Record<string, string | undefined> = {}): string {
  const result = interpolateString(text, env);
  assert.equal(result.ok, false);
  return result.ok ? '' : result.message;
}

test('${VAR} is replaced and may sit inside other text', () => {
  assert.equal(value('${A}', { A: 'x' }), 'x');
  assert.equal(value('Bearer ${A}-${B}!', { A: '1', B: '2' }), 'Bearer 1-2!');
  assert.equal(value('${A}', { A: '' }), '');
});

test('${VAR:-default} uses the default when unset or empty', () => {
  assert.equal(value('${A:-dflt}', {}), 'dflt');
  assert.equal(value('${A:-dflt}', { A: '' }), 'dflt');
  assert.equal(value('${A:-dflt}', { A: 'set' }), 'set');
  assert.equal(value('${A:-}', {}), '');
  assert.equal(value('${URL:-http://h:1/v1}', {}), 'http://h:1/v1');
});

test('$${ escapes a literal ${ and lone dollars are kept', () => {
  assert.equal(value('$${A}', { A: 'x' }), '${A}');
  assert.equal(value('cost $5 $${x} ${A}', { A: 'y' }), 'cost $5 ${x} y');
  assert.equal(value('$$', {}), '$$');
});

test('values are inserted verbatim, never re-interpolated', () => {
  assert.equal(value('${A}', { A: '${B}' }), '${B}');
});

test('unset variables without default are errors naming the variable only', () => {
  assert.match(failure('${SECRET_KEY}', {}), /environment variable SECRET_KEY is not set/);
  assert.match(failure('prefix ${X'), /unterminated/);
  assert.match(failure('${1BAD}'), /invalid variable reference/);
  assert.match(failure('${A-x}'), /invalid variable reference/);
  assert.match(failure('${A:-${B}}'), /nested/);
});

test('interpolateTree walks values only, keeps paths for errors and variables', () => {
  const tree = interpolateTree({ '${K}': 'v', list: ['${A}', { deep: '${MISSING}' }], n: 5 }, { A: 'a', K: 'k' });
  assert.deepEqual(tree.value, { '${K}': 'v', list: ['a', { deep: '${MISSING}' }], n: 5 });
  assert.deepEqual(tree.issues, [{ path: ['list', 1, 'deep'], message: 'environment variable MISSING is not set (write ${MISSING:-} to allow it to be empty)' }]);
  assert.deepEqual(tree.variablesByPath.get(JSON.stringify(['list', 0])), ['A']);
});
