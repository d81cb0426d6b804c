import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keys, route } from '../test-routes.ts';
import { sortByScore } from './sort-by-score.ts';

const targets = route('m', ['a/1', 'b/2', 'c/3', 'd/4']).targets;

test('orders by ascending score and keeps ties in input order', () => {
  assert.deepEqual(keys(sortByScore(targets, [3, 1, 3, 1])), ['b/2', 'd/4', 'a/1', 'c/3']);
  assert.deepEqual(keys(sortByScore(targets, [0, -Infinity, Infinity, -Infinity])), ['b/2', 'd/4', 'a/1', 'c/3']);
});

test('returns the input itself when it is already in order', () => {
  assert.equal(sortByScore(targets, [1, 1, 2, 5]), targets);
});

test('never mutates the input array', () => {
  const before = keys(targets);
  sortByScore(targets, [4, 3, 2, 1]);
  assert.deepEqual(keys(targets), before);
});
