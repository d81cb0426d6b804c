/** Weight of the newest sample: 0.2 follows a change within about ten samples without jumping on one outlier. */
export const EWMA_ALPHA = 0.2;

/** Exponentially weighted moving average; the first sample is taken as is. */
export function ewma(previous: number | undefined, sample: number, alpha = EWMA_ALPHA): number {
  return previous === undefined ? sample : previous + alpha * (sample - previous);
}
