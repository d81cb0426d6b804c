import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addMicros, assertSafeMicros, sumMicros } from './safe-micros.ts';

test('adds and sums safe integers', () => {
  assert.equal(addMicros(1, 2), 3);
  assert.equal(addMicros(-5, 2), -3);
  assert.equal(sumMicros([150_000, 600_000, 75_000]), 825_000);
  assert.equal(sumMicros([]), 0);
});

test('fails loudly instead of rounding past the safe integer range', () => {
  assert.throws(() => addMicros(Number.MAX_SAFE_INTEGER, 1), /exceeds the safe integer range/);
  assert.throws(() => sumMicros([Number.MAX_SAFE_INTEGER - 1, 1, 1]), /exceeds the safe integer range/);
  assert.throws(() => addMicros(0.5, 1), /left operand must be a safe integer/);
  assert.throws(() => assertSafeMicros(Number.NaN, 'cost'), /cost must be a safe integer/);
  assert.equal(assertSafeMicros(-7), -7);
});
