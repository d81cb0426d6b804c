import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpError } from '../../server/http-error.ts';
import { readAnthropicBetas } from './read-anthropic-beta.ts';

test('anthropic-beta is read as a list: commas, spaces, repeats and duplicates', () => {
  assert.equal(readAnthropicBetas({}), undefined);
  assert.equal(readAnthropicBetas({ 'anthropic-beta': ' , ' }), undefined);
  assert.deepEqual(readAnthropicBetas({ 'anthropic-beta': 'a-2025-01-01' }), ['a-2025-01-01']);
  assert.deepEqual(readAnthropicBetas({ 'anthropic-beta': 'a, b,a ,c' }), ['a', 'b', 'c']);
});

test('values that are not HTTP tokens, too many or too long are a 400 naming the header', () => {
  const bad = (value: string) =>
    assert.throws(() => readAnthropicBetas({ 'anthropic-beta': value }), (e: unknown) => e instanceof HttpError && e.status === 400 && e.code === 'invalid_anthropic_beta' && /anthropic-beta header/.test(e.message));
  bad('has space');
  bad('semi;colon');
  bad('quote"d');
  bad('é-beta');
  bad('x'.repeat(129));
  bad(Array.from({ length: 65 }, (_, i) => `b${i}`).join(','));
  bad('a,'.repeat(2100));
});
