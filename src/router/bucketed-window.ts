const BUCKETS = 10;

/**
 * Attempts and failures over a sliding time window, counted in ten time buckets rather than a list
 * of attempts: memory and cost per event stay constant however busy the target is. The window
 * covers the current bucket and the nine before it, so it spans between 90% and 100% of `windowMs`.
 */
export class BucketedWindow {
  private bucketMs: number;
  private readonly epochs = new Float64Array(BUCKETS).fill(-1);
  private readonly attempts = new Uint32Array(BUCKETS);
  private readonly failures = new Uint32Array(BUCKETS);

  constructor(windowMs: number) {
    this.bucketMs = bucketSize(windowMs);
  }

  record(now: number, failed: boolean): void {
    const epoch = Math.floor(now / this.bucketMs);
    const slot = epoch % BUCKETS;
    if (this.epochs[slot] !== epoch) {
      this.epochs[slot] = epoch;
      this.attempts[slot] = 0;
      this.failures[slot] = 0;
    }
    this.attempts[slot]++;
    if (failed) this.failures[slot]++;
  }

  attemptsAt(now: number): number {
    return this.sum(this.attempts, now);
  }

  failuresAt(now: number): number {
    return this.sum(this.failures, now);
  }

  /** Empties the window; a new `windowMs` (hot reload) changes the bucket size, which old counts cannot follow. */
  reset(windowMs?: number): void {
    if (windowMs !== undefined) this.bucketMs = bucketSize(windowMs);
    this.epochs.fill(-1);
    this.attempts.fill(0);
    this.failures.fill(0);
  }

  hasWindow(windowMs: number): boolean {
    return this.bucketMs === bucketSize(windowMs);
  }

  private sum(counts: Uint32Array, now: number): number {
    const current = Math.floor(now / this.bucketMs);
    let total = 0;
    for (let i = 0; i < BUCKETS; i++) {
      const e = this.epochs[i];
      if (e <= current && e > current - BUCKETS) total += counts[i];
    }
    return total;
  }
}

const bucketSize = (windowMs: number) => Math.max(1, Math.ceil(windowMs / BUCKETS));
