import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countWords, generateTokens, splitEvenly, tokenAt } from './text-generator.ts';

describe('text generator', () => {
  it('produces a fixed word cycle, first token without a leading space', () => {
    assert.deepEqual(generateTokens(3), ['Switchyard', ' emulated', ' reply']);
    assert.equal(tokenAt(16), ' Switchyard');
    assert.deepEqual(generateTokens(0), []);
  });

  it('counts whitespace-separated words', () => {
    assert.equal(countWords(''), 0);
    assert.equal(countWords('  one\ttwo\nthree  '), 3);
    assert.equal(countWords('a,b c'), 2);
  });

  it('splits text into contiguous near-equal pieces', () => {
    assert.deepEqual(splitEvenly('abcdefg', 3), ['abc', 'de', 'fg']);
    assert.deepEqual(splitEvenly('ab', 5), ['a', 'b']);
    assert.deepEqual(splitEvenly('abc', 0), []);
  });
});
