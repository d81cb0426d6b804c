/**
 * Money is integer micro-USD everywhere (1 USD = 1,000,000 micros): integers add and compare
 * exactly, so balances, statements and request records reconcile to the last micro-dollar.
 */
export const MICROS_PER_USD = 1_000_000;

/** Decimal places of a micro-USD amount written as USD; the default scale of `parseUsdDecimal`. */
export const MICRO_SCALE = 6;
