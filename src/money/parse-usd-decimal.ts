import { MICRO_SCALE } from './money-units.ts';

const DECIMAL_PATTERN = /^(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;
const NON_ZERO_DIGIT = /[1-9]/;
const MAX_SCALE = 15;
const MAX_EXPONENT = 100;

/**
 * Parses a non-negative USD decimal into an integer count of `10^-scale` USD units, exactly.
 *
 * Prices are written as decimals ("0.15") but must never pass through float arithmetic, so the
 * digits are shifted as text. At the default scale 6 the result is micro-USD: "0.001234" → 1234,
 * and a price of "$0.15 per 1M tokens" → 150000 micro-USD per million tokens.
 *
 * A number is read through its shortest round-trip string (`String(0.15)` is "0.15"), so
 * `0.1 + 0.2` is rejected rather than silently rounded. Exponent notation is accepted only when
 * the value is exact at the scale ("1.5e-3" → 1500; "1e-7" is rejected). Trailing zeros beyond
 * the scale are exact and accepted ("0.1500000").
 *
 * @throws RangeError for negatives, NaN, infinities, malformed text, more significant fractional
 *   digits than the scale allows, and results beyond `Number.MAX_SAFE_INTEGER`.
 */
export function parseUsdDecimal(value: string | number, scale: number = MICRO_SCALE): number {
  if (!Number.isInteger(scale) || scale < 0 || scale > MAX_SCALE) {
    throw new RangeError(`scale must be an integer from 0 to ${MAX_SCALE}, got ${scale}`);
  }
  const text = toDecimalText(value);
  if (text.startsWith('-')) throw new RangeError(`invalid amount "${text}": negative amounts are not allowed`);
  const match = DECIMAL_PATTERN.exec(text);
  if (match === null) throw new RangeError(`invalid amount "${text}": expected a plain decimal such as "0.15"`);
  const [, whole, fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText);
  if (Math.abs(exponent) > MAX_EXPONENT) throw new RangeError(`invalid amount "${text}": exponent out of range`);

  let digits = whole + fraction;
  const fractionalDigits = fraction.length - exponent;
  const excess = fractionalDigits - scale;
  if (excess > 0) {
    const keep = Math.max(0, digits.length - excess);
    if (NON_ZERO_DIGIT.test(digits.slice(keep))) {
      throw new RangeError(`invalid amount "${text}": more than ${scale} fractional digits cannot be represented exactly`);
    }
    digits = digits.slice(0, keep) || '0';
  } else {
    digits += '0'.repeat(-excess);
  }
  const units = Number(digits);
  if (!Number.isSafeInteger(units)) throw new RangeError(`invalid amount "${text}": too large to represent exactly`);
  return units;
}

function toDecimalText(value: string | number): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`invalid amount ${String(value)}: expected a finite number or a decimal string`);
  }
  return String(value);
}
