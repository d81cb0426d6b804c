import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUsdDecimal } from './parse-usd-decimal.ts';

test('parses decimal strings to micro-USD exactly', () => {
  assert.equal(parseUsdDecimal('0.15'), 150_000);
  assert.equal(parseUsdDecimal('0.075'), 75_000);
  assert.equal(parseUsdDecimal('0.001234'), 1234);
  assert.equal(parseUsdDecimal('2.50'), 2_500_000);
  assert.equal(parseUsdDecimal('15'), 15_000_000);
  assert.equal(parseUsdDecimal('0'), 0);
  assert.equal(parseUsdDecimal('007.5'), 7_500_000);
  assert.equal(parseUsdDecimal('0.000001'), 1);
});

test('parses numbers through their shortest string form', () => {
  assert.equal(parseUsdDecimal(0.15), 150_000);
  assert.equal(parseUsdDecimal(0.6), 600_000);
  assert.equal(parseUsdDecimal(1.1), 1_100_000);
  assert.equal(parseUsdDecimal(0.0375), 37_500);
  assert.equal(parseUsdDecimal(-0), 0);
});

test('honours the scale argument', () => {
  assert.equal(parseUsdDecimal('1.23', 2), 123);
  assert.equal(parseUsdDecimal('12', 0), 12);
  assert.equal(parseUsdDecimal('0.123456789', 9), 123_456_789);
  assert.throws(() => parseUsdDecimal('1.234', 2), /more than 2 fractional digits/);
  assert.throws(() => parseUsdDecimal('1', 1.5), /scale must be an integer/);
  assert.throws(() => parseUsdDecimal('1', -1), /scale must be an integer/);
});

test('accepts exponent notation only when exact', () => {
  assert.equal(parseUsdDecimal('1.5e-3'), 1500);
  assert.equal(parseUsdDecimal('1e-6'), 1);
  assert.equal(parseUsdDecimal('2E+2'), 200_000_000);
  assert.equal(parseUsdDecimal(1e-6), 1);
  assert.equal(parseUsdDecimal('0e-30'), 0);
  assert.throws(() => parseUsdDecimal('1e-7'), /more than 6 fractional digits/);
  assert.throws(() => parseUsdDecimal(1e-7), /more than 6 fractional digits/);
  assert.throws(() => parseUsdDecimal('1e400'), /exponent out of range/);
});

test('accepts trailing zeros beyond the scale because they are exact', () => {
  assert.equal(parseUsdDecimal('0.150000000'), 150_000);
});

test('rejects negatives, NaN, infinities and malformed text with clear messages', () => {
  assert.throws(() => parseUsdDecimal('-0.15'), /negative amounts are not allowed/);
  assert.throws(() => parseUsdDecimal(-1), /negative amounts are not allowed/);
  assert.throws(() => parseUsdDecimal(Number.NaN), /expected a finite number/);
  assert.throws(() => parseUsdDecimal(Number.POSITIVE_INFINITY), /expected a finite number/);
  for (const bad of ['', ' 0.15', '0.15 ', '$0.15', '1,000', '.5', '5.', '0x10', 'abc', '+1', '1.2.3']) {
    assert.throws(() => parseUsdDecimal(bad), /expected a plain decimal/, bad);
  }
});

test('rejects more significant fractional digits than the scale allows', () => {
  assert.throws(() => parseUsdDecimal('0.0000001'), /invalid amount "0.0000001": more than 6 fractional digits/);
  assert.throws(() => parseUsdDecimal(0.1 + 0.2), /more than 6 fractional digits/);
});

test('rejects results beyond the safe integer range', () => {
  assert.equal(parseUsdDecimal('9007199254.740991'), Number.MAX_SAFE_INTEGER);
  assert.throws(() => parseUsdDecimal('9007199254.740992'), /too large/);
  assert.throws(() => parseUsdDecimal(1e21), /too large/);
});
