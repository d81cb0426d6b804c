import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keys, route, target } from '../test-routes.ts';
import { orderByPriority } from './order-by-priority.ts';

test('ascending priority, ties in config order', () => {
  const r = route('m', [target('a/1', { priority: 5 }), target('b/2', { priority: 1 }), target('c/3', { priority: 5 }), target('d/4', { priority: 0 })]);
  assert.deepEqual(keys(orderByPriority(r.targets)), ['d/4', 'b/2', 'a/1', 'c/3']);
});

test('default priorities (positions) keep the list as written, without copying', () => {
  const r = route('m', ['a/1', 'b/2', 'c/3']);
  assert.equal(orderByPriority(r.targets), r.targets);
});
