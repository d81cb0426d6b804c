/**
 * Guards for micro-USD arithmetic. Amounts are JS numbers, exact only up to
 * `Number.MAX_SAFE_INTEGER` micros (about 9 billion USD); a sum past that would round silently,
 * so every addition that could overflow goes through here and fails loudly instead.
 */
export function assertSafeMicros(value: number, label = 'amount'): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${label} must be a safe integer number of micros, got ${value}`);
  return value;
}

/** `a + b`, or a RangeError when either operand or the result is not a safe integer. */
export function addMicros(a: number, b: number): number {
  assertSafeMicros(a, 'left operand');
  assertSafeMicros(b, 'right operand');
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new RangeError(`micro-USD sum ${a} + ${b} exceeds the safe integer range`);
  return sum;
}

/** Sum of micro-USD amounts, checked at every step. */
export function sumMicros(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total = addMicros(total, value);
  return total;
}
