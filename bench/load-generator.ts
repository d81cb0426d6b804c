import { Pool } from 'undici';

export interface LoadSpec {
  url: string;
  path: string;
  body: string;
  headers: Record<string, string>;
  concurrency: number;
  durationMs: number;
  warmupMs: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
}

/** Closed-loop load: `concurrency` workers each send the next request as soon as the last one is fully read. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const origin = new URL(spec.url).origin;
  const pool = new Pool(origin, { connections: spec.concurrency, pipelining: 1 });
  const one = async (): Promise<boolean> => {
    const res = await pool.request({ method: 'POST', path: spec.path, headers: spec.headers, body: spec.body });
    for await (const chunk of res.body) void chunk;
    return res.statusCode === 200;
  };
  const phase = async (ms: number, latencies?: number[]) => {
    const end = performance.now() + ms;
    let errors = 0;
    const worker = async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const ok = await one().catch(() => false);
        if (!ok) errors++;
        latencies?.push(performance.now() - t0);
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: spec.concurrency }, worker));
    return { errors, elapsed: performance.now() - t0 };
  };
  await phase(spec.warmupMs);
  const latencies: number[] = [];
  const { errors, elapsed } = await phase(spec.durationMs, latencies);
  await pool.close();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { requests: latencies.length, errors, rps: (latencies.length / elapsed) * 1000, p50: pct(0.5), p99: pct(0.99) };
}
