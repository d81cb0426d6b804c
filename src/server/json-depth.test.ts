import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exceedsJsonDepth } from './json-depth.ts';

const enc = (s: string) => new TextEncoder().encode(s);

test('measures nesting and ignores brackets inside strings', () => {
  assert.equal(exceedsJsonDepth(enc('{"a":[1,{"b":2}]}'), 3), false);
  assert.equal(exceedsJsonDepth(enc('{"a":[1,{"b":2}]}'), 2), true);
  assert.equal(exceedsJsonDepth(enc('{"a":"[[[[[[\\"[[["}'), 1), false);
  assert.equal(exceedsJsonDepth(enc('['.repeat(100_000)), 64), true);
});
