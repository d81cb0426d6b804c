import { runLoad, type LoadSpec } from './load-generator.ts';
import { cpuMs, type Service } from './spawn-service.ts';

/** One side of a comparison: a server and the request it is sent. */
export interface Side {
  svc: Service;
  spec: Omit<LoadSpec, 'durationMs' | 'warmupMs'>;
}

/** One side's figures over a round (its two runs together). */
export interface SideFigures {
  rps: number;
  /** Mean of the two runs' p50 and p99, in ms. */
  p50: number;
  p99: number;
  /** CPU time of the serving process per request, µs. */
  cpuPerRequest: number;
  errors: number;
}

export interface Round {
  a: SideFigures;
  b: SideFigures;
  /** b's throughput over a's. */
  ratio: number;
}

/**
 * Measures `b` against `a` in rounds of a, b, b, a, so drift on a shared machine (other load, GC debt,
 * CPU frequency) lands on both sides alike, and returns every round plus the median one (by ratio).
 * One noisy round cannot swing the verdict. `medianAddedP50` is the median of the rounds' own p50
 * differences (b − a), which a burst of noise in one run moves less than any single round's.
 */
export async function compareInterleaved(a: Side, b: Side, o: { rounds: number; runMs: number; warmupMs: number }): Promise<{ rounds: Round[]; median: Round; medianAddedP50: number }> {
  const rounds: Round[] = [];
  for (let i = 0; i < o.rounds; i++) {
    const acc = { a: newAcc(), b: newAcc() };
    for (const which of ['a', 'b', 'b', 'a'] as const) {
      const side = which === 'a' ? a : b;
      const cpu0 = cpuMs(side.svc.child.pid!);
      const r = await runLoad({ ...side.spec, durationMs: o.runMs, warmupMs: o.warmupMs });
      const cpu1 = cpuMs(side.svc.child.pid!);
      const s = acc[which];
      s.requests += r.requests;
      s.ms += o.runMs;
      s.p50 += r.p50 / 2;
      s.p99 += r.p99 / 2;
      s.cpuMs += cpu0 == null || cpu1 == null ? NaN : cpu1 - cpu0;
      s.errors += r.errors;
    }
    const fa = figures(acc.a);
    const fb = figures(acc.b);
    rounds.push({ a: fa, b: fb, ratio: fb.rps / fa.rps });
  }
  const sorted = [...rounds].sort((x, y) => x.ratio - y.ratio);
  const addedP50 = rounds.map((r) => r.b.p50 - r.a.p50).sort((x, y) => x - y);
  return { rounds, median: sorted[Math.floor(sorted.length / 2)], medianAddedP50: addedP50[Math.floor(addedP50.length / 2)] };
}

function newAcc() {
  return { requests: 0, ms: 0, p50: 0, p99: 0, cpuMs: 0, errors: 0 };
}

function figures(s: ReturnType<typeof newAcc>): SideFigures {
  return { rps: (s.requests * 1000) / s.ms, p50: s.p50, p99: s.p99, cpuPerRequest: (s.cpuMs * 1000) / s.requests, errors: s.errors };
}
