/** Series per metric before new label sets fold into one `overflow="true"` series. */
export const MAX_SERIES_PER_METRIC = 10_000;
const OVERFLOW = 'overflow="true"';

/**
 * A small Prometheus registry: counters, gauges and fixed-bucket histograms with label sets.
 * Label values should come from bounded sets (configured model names, status classes). Where one
 * may not (a wildcard route passes the client's model name through), the per-metric series cap
 * keeps memory bounded: past it, new label sets are counted under `overflow="true"`.
 */
export class Metrics {
  private readonly counters = new Map<string, { help: string; values: Map<string, number> }>();
  private readonly histograms = new Map<string, { help: string; buckets: number[]; series: Map<string, { counts: number[]; sum: number; count: number }> }>();
  private readonly gauges = new Map<string, { help: string; read: () => number }>();

  defineCounter(name: string, help: string): void {
    this.counters.set(name, { help, values: new Map() });
  }

  defineHistogram(name: string, help: string, buckets: number[]): void {
    this.histograms.set(name, { help, buckets, series: new Map() });
  }

  /** A gauge read at scrape time, so hot code never has to update it. */
  defineGauge(name: string, help: string, read: () => number): void {
    this.gauges.set(name, { help, read });
  }

  inc(name: string, labels: string, by = 1): void {
    const c = this.counters.get(name);
    if (!c) return;
    const v = c.values.get(labels);
    if (v !== undefined) c.values.set(labels, v + by);
    else if (c.values.size < MAX_SERIES_PER_METRIC) c.values.set(labels, by);
    else c.values.set(OVERFLOW, (c.values.get(OVERFLOW) ?? 0) + by);
  }

  observe(name: string, labels: string, value: number): void {
    const h = this.histograms.get(name);
    if (!h) return;
    let s = h.series.get(labels);
    if (!s) {
      const key = h.series.size < MAX_SERIES_PER_METRIC ? labels : OVERFLOW;
      s = h.series.get(key) ?? { counts: new Array(h.buckets.length).fill(0), sum: 0, count: 0 };
      h.series.set(key, s);
    }
    for (let i = 0; i < h.buckets.length; i++) if (value <= h.buckets[i]) s.counts[i]++;
    s.sum += value;
    s.count++;
  }

  /** The Prometheus text exposition format, version 0.0.4. */
  render(): string {
    const out: string[] = [];
    for (const [name, c] of this.counters) {
      out.push(`# HELP ${name} ${c.help}`, `# TYPE ${name} counter`);
      for (const [labels, v] of c.values) out.push(`${name}${labels ? `{${labels}}` : ''} ${v}`);
    }
    for (const [name, g] of this.gauges) out.push(`# HELP ${name} ${g.help}`, `# TYPE ${name} gauge`, `${name} ${g.read()}`);
    for (const [name, h] of this.histograms) {
      out.push(`# HELP ${name} ${h.help}`, `# TYPE ${name} histogram`);
      for (const [labels, s] of h.series) {
        const sep = labels ? `${labels},` : '';
        h.buckets.forEach((b, i) => out.push(`${name}_bucket{${sep}le="${b}"} ${s.counts[i]}`));
        out.push(`${name}_bucket{${sep}le="+Inf"} ${s.count}`, `${name}_sum${labels ? `{${labels}}` : ''} ${s.sum}`, `${name}_count${labels ? `{${labels}}` : ''} ${s.count}`);
      }
    }
    return out.join('\n') + '\n';
  }
}

const NEEDS_ESCAPE = /[\\"\n]/;

/** Escapes a label value per the exposition format. */
export function labelValue(v: string): string {
  if (!NEEDS_ESCAPE.test(v)) return v;
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
