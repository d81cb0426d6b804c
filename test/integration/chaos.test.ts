import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFleet, user } from './resilience-harness.ts';

const REQUESTS = 300;
const CONCURRENCY = 16;
const CONSECUTIVE_FAILURES = 3;
const OPEN_MS = 300;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Probes an open breaker can let through in `elapsedMs`: one per open period, each twice the last (300, 600, 1200 ms...). */
function probesWithin(elapsedMs: number): number {
  let probes = 0;
  for (let t = OPEN_MS, open = OPEN_MS; t <= elapsedMs; open *= 2, t += open) probes++;
  return probes;
}

/** Runs `task(0..n-1)` with at most `concurrency` in flight. */
async function pool(n: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < n) await task(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * One route over three targets: one hard down, one failing 30% of requests (seeded; an Anthropic
 * upstream, so failover crosses into the translated path), one healthy.
 * Under concurrent mixed load the client must never see an error, and the breaker must keep the
 * down target's wasted attempts to a handful.
 */
describe('chaos: down + flapping + healthy under concurrent load', () => {
  for (const down of [{ kind: 'down', status: 503 }, { kind: 'down', reset: true }] as const) {
    const label = 'reset' in down ? 'resets every connection' : 'answers 503';
    test(`no user-visible error while one target ${label}`, async (t) => {
      const f = await startFleet({
        emulators: { down: {}, flaky: { provider: 'anthropic', seed: 7 }, healthy: {} },
        yaml: `
routing:
  breaker: { consecutive_failures: ${CONSECUTIVE_FAILURES}, open_ms: ${OPEN_MS}, max_open_ms: 10000 }
models:
  chaos:
    targets: [down/m, flaky/m, healthy/m]
    retry: { attempts_per_target: 2, max_attempts: 6, backoff_initial_ms: 10, backoff_max_ms: 50 }
`,
      });
      try {
        f.emu.down.setScenario(down);
        f.emu.flaky.setScenario({ kind: 'flapping', failRate: 0.3 });
        // Answers take a little while, so the run lasts long enough for the down target's breaker to probe and re-open.
        for (const e of [f.emu.flaky, f.emu.healthy]) e.setDefaults({ latency_ms: 30, token_delay_ms: 2 });
        const client = f.openai();
        const latencies: number[] = [];
        const errors: string[] = [];
        const servedBy: Record<string, number> = {};
        const t0 = performance.now();
        await pool(REQUESTS, CONCURRENCY, async (i) => {
          const started = performance.now();
          try {
            let provider: string | null;
            if (i % 3 === 0) {
              const { data, response } = await client.chat.completions.create({ model: 'chaos', stream: true, messages: user(`request ${i}`) }).withResponse();
              let finish: string | null = null;
              let text = '';
              for await (const c of data) {
                text += c.choices[0]?.delta?.content ?? '';
                finish = c.choices[0]?.finish_reason ?? finish;
              }
              if (finish !== 'stop' || text.split(' ').length !== 8) throw new Error(`stream ${i} ended with ${finish} after "${text}"`);
              provider = response.headers.get('x-switchyard-provider');
            } else {
              const { data, response } = await client.chat.completions.create({ model: 'chaos', messages: user(`request ${i}`) }).withResponse();
              if (data.choices[0].finish_reason !== 'stop') throw new Error(`request ${i} finished with ${data.choices[0].finish_reason}`);
              provider = response.headers.get('x-switchyard-provider');
            }
            servedBy[provider ?? '?'] = (servedBy[provider ?? '?'] ?? 0) + 1;
          } catch (err) {
            errors.push(`#${i}: ${(err as Error).message}`);
          }
          latencies.push(performance.now() - started);
        });
        const elapsed = performance.now() - t0;

        const attempts = { down: f.emu.down.log.count(), flaky: f.emu.flaky.log.count(), healthy: f.emu.healthy.log.count() };
        latencies.sort((x, y) => x - y);
        const summary = `chaos (down ${label}): ${REQUESTS} requests in ${Math.round(elapsed)} ms, ${errors.length} errors, ` +
          `attempts down=${attempts.down} flaky=${attempts.flaky} healthy=${attempts.healthy}, served by ${JSON.stringify(servedBy)}, ` +
          `p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`;
        t.diagnostic(summary);

        assert.deepEqual(errors, []);
        assert.equal((servedBy.flaky ?? 0) + (servedBy.healthy ?? 0), REQUESTS);
        // Before the breaker opens, at most CONCURRENCY requests are already on their way to the down
        // target (a reset is retried once on the same target); after that only half-open probes get through.
        const perRequest = 'reset' in down ? 2 : 1;
        const bound = (CONSECUTIVE_FAILURES + CONCURRENCY) * perRequest + probesWithin(elapsed);
        assert.ok(attempts.down <= bound, `down target got ${attempts.down} attempts (bound ${bound})`);
        assert.ok(attempts.down >= CONSECUTIVE_FAILURES);
        const flakyFailures = f.emu.flaky.log.entries().filter((e) => e.status !== undefined && e.status >= 500).length;
        assert.ok(flakyFailures > 0, 'the flapping target did fail');
        assert.equal(servedBy.down ?? 0, 0);
      } finally {
        await f.close();
      }
    });
  }
});
