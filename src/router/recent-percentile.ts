/**
 * A percentile over the most recent samples (a ring buffer of fixed size). The value is computed
 * only when read, and cached until a new sample arrives, so recording stays O(1).
 */
export class RecentPercentile {
  private readonly ring: Float64Array;
  private readonly scratch: Float64Array;
  private size = 0;
  private next = 0;
  private cached: number | undefined;
  private stale = true;
  private readonly quantile: number;
  private readonly minSamples: number;

  /**
   * @param quantile 0..1 (0.95 for p95).
   * @param minSamples below this many samples the percentile is absent: too few to mean anything.
   * @param scratch sort buffer of at least `capacity` entries; may be shared by many instances on one thread.
   */
  constructor(capacity: number, quantile: number, minSamples: number, scratch: Float64Array) {
    if (scratch.length < capacity) throw new Error(`RecentPercentile: scratch holds ${scratch.length} values, needs ${capacity}`);
    this.ring = new Float64Array(capacity);
    this.scratch = scratch;
    this.quantile = quantile;
    this.minSamples = minSamples;
  }

  add(sample: number): void {
    this.ring[this.next] = sample;
    this.next = (this.next + 1) % this.ring.length;
    if (this.size < this.ring.length) this.size++;
    this.stale = true;
  }

  get count(): number {
    return this.size;
  }

  /** Nearest-rank percentile of the samples held; undefined below `minSamples`. */
  value(): number | undefined {
    if (this.size < this.minSamples || this.size === 0) return undefined;
    if (!this.stale) return this.cached;
    const values = this.scratch;
    for (let i = 0; i < this.size; i++) values[i] = this.ring[i];
    this.cached = selectKth(values, this.size, Math.max(0, Math.ceil(this.quantile * this.size) - 1));
    this.stale = false;
    return this.cached;
  }
}

/**
 * The k-th smallest of `a[0..n)` (Hoare's quickselect, median-of-three pivot), reordering `a` in place:
 * linear on average, several times cheaper than sorting 200 values on every read after a new sample.
 */
function selectKth(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = a[lo];
    const y = a[mid];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}
