import { MICROS_PER_USD, MICRO_SCALE } from './money-units.ts';

/**
 * Writes integer micro-USD as a USD decimal with exactly six places: 1234 → "0.001234",
 * 2_500_000 → "2.500000", -1234 → "-0.001234". Fixed width keeps the `x-switchyard-cost-usd`
 * header and API fields exact and trivially parseable; no float ever formats money.
 *
 * @throws RangeError when `micros` is not a safe integer.
 */
export function formatMicrosAsUsd(micros: number): string {
  if (!Number.isSafeInteger(micros)) throw new RangeError(`micros must be a safe integer, got ${micros}`);
  const sign = micros < 0 ? '-' : '';
  const magnitude = Math.abs(micros);
  const fraction = magnitude % MICROS_PER_USD;
  const whole = (magnitude - fraction) / MICROS_PER_USD;
  return `${sign}${whole}.${String(fraction).padStart(MICRO_SCALE, '0')}`;
}
