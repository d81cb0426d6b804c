import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exceedsJsonDepth } from './json-depth.ts';

test('measures nesting and ignores brackets inside strings', () => {
  assert.equal(exceedsJsonDepth('{"a":[1,{"b":2}]}', 3), false);
  assert.equal(exceedsJsonDepth('{"a":[1,{"b":2}]}', 2), true);
  assert.equal(exceedsJsonDepth('{"a":"[[[[[[\\"[[["}', 1), false);
  assert.equal(exceedsJsonDepth('['.repeat(100_000), 64), true);
});

test('many brackets side by side are not deep nesting', () => {
  const wide = JSON.stringify({ messages: Array.from({ length: 200 }, () => ({ role: 'user', content: [{ type: 'text' }] })) });
  assert.equal(exceedsJsonDepth(wide, 5), false, 'more openings than the limit, so the walk decides');
  assert.equal(exceedsJsonDepth(wide, 4), true);
  assert.equal(exceedsJsonDepth('{"a":{"b":{}}}', 3), false, 'as many openings as the limit');
});
