import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toMistralToolCallId } from './map-mistral-tool-call-id.ts';

test('ids Mistral issued (9 alphanumerics) pass through unchanged', () => {
  assert.equal(toMistralToolCallId('gSIMJiOkT'), 'gSIMJiOkT');
  assert.equal(toMistralToolCallId('123456789'), '123456789');
});

test('other ids map to a stable 9-character alphanumeric digest', () => {
  const ids = ['call_abc123', 'toolu_01A09q90qw90lq917835lq9', 'abcdefgh', 'abcdefghij', 'ab-defghi', ''];
  const mapped = ids.map(toMistralToolCallId);
  for (const m of mapped) assert.match(m, /^[a-zA-Z0-9]{9}$/);
  assert.equal(new Set(mapped).size, ids.length);
  assert.deepEqual(ids.map(toMistralToolCallId), mapped);
  assert.equal(toMistralToolCallId(mapped[0]), mapped[0]);
});
