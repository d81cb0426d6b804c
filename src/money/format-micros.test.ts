import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMicrosAsUsd } from './format-micros.ts';
import { parseUsdDecimal } from './parse-usd-decimal.ts';

test('formats micro-USD with exactly six decimals', () => {
  assert.equal(formatMicrosAsUsd(1234), '0.001234');
  assert.equal(formatMicrosAsUsd(0), '0.000000');
  assert.equal(formatMicrosAsUsd(1), '0.000001');
  assert.equal(formatMicrosAsUsd(999_999), '0.999999');
  assert.equal(formatMicrosAsUsd(1_000_000), '1.000000');
  assert.equal(formatMicrosAsUsd(2_500_000), '2.500000');
  assert.equal(formatMicrosAsUsd(123_456_789_012), '123456.789012');
  assert.equal(formatMicrosAsUsd(Number.MAX_SAFE_INTEGER), '9007199254.740991');
});

test('formats negative amounts (refunds, ledger reversals) with a leading minus', () => {
  assert.equal(formatMicrosAsUsd(-1234), '-0.001234');
  assert.equal(formatMicrosAsUsd(-3_000_001), '-3.000001');
});

test('round-trips through parseUsdDecimal', () => {
  for (const micros of [0, 1, 42, 150_000, 1_000_000, 987_654_321]) {
    assert.equal(parseUsdDecimal(formatMicrosAsUsd(micros)), micros);
  }
});

test('rejects non-integer and unsafe inputs', () => {
  assert.throws(() => formatMicrosAsUsd(1.5), RangeError);
  assert.throws(() => formatMicrosAsUsd(Number.NaN), RangeError);
  assert.throws(() => formatMicrosAsUsd(Number.MAX_SAFE_INTEGER + 1), RangeError);
});
