import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editDistance, nearestName } from './nearest-name.ts';

test('edit distance counts a transposition as one edit', () => {
  assert.equal(editDistance('port', 'prot'), 1);
  assert.equal(editDistance('locl', 'local'), 1);
  assert.equal(editDistance('', 'abc'), 3);
});

test('suggests close names and long shared prefixes, nothing for unrelated input', () => {
  assert.equal(nearestName('locl', ['openai', 'local']), 'local');
  assert.equal(nearestName('OpenAI', ['openai', 'local']), 'openai');
  assert.equal(nearestName('max_body', ['max_body_bytes', 'max_json_depth']), 'max_body_bytes');
  assert.equal(nearestName('zzzz', ['openai', 'local']), undefined);
  assert.equal(nearestName('x', []), undefined);
});
