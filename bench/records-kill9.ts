/**
 * `npm run bench:kill9`: how many request records a crash loses. Starts Switchyard (a child process, the
 * real CLI) in front of the provider emulator, drives steady closed-loop load, `kill -9`s the gateway
 * mid-load, then compares the responses the clients saw complete (by their `x-request-id`) with the
 * rows in the database. Prints, per run, the records lost and the time window they cover (from the
 * earliest lost completion to the kill).
 * Options: --runs N (3), --duration MS of load before the kill (3000), --concurrency N (16)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { startBenchGateway, UPSTREAM_KEY } from './bench-gateway.ts';
import { spawnService, type Service } from './spawn-service.ts';

const { values } = parseArgs({ options: { runs: { type: 'string' }, duration: { type: 'string' }, concurrency: { type: 'string' } } });
const runs = Number(values.runs ?? 3);
const durationMs = Number(values.duration ?? 3000);
const concurrency = Number(values.concurrency ?? 16);
const root = new URL('..', import.meta.url).pathname;

interface RunResult {
  completed: number;
  rows: number;
  lost: number;
  /** Milliseconds from the earliest completion whose record was lost to the kill; 0 when none was lost. */
  windowMs: number;
  rps: number;
}

async function oneRun(emulatorUrl: string): Promise<RunResult> {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-kill9-'));
  try {
    const { service, key } = await startBenchGateway({ root, dir, emulatorUrl });
    const pool = new Pool(new URL(service.url).origin, { connections: concurrency, pipelining: 1 });
    const body = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'kill -9 benchmark [emu tokens=16]' }] });
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const completedAt = new Map<string, number>();
    let stop = false;
    const worker = async () => {
      while (!stop) {
        try {
          const res = await pool.request({ method: 'POST', path: '/v1/chat/completions', headers, body });
          for await (const chunk of res.body) void chunk;
          const id = res.headers['x-request-id'];
          if (res.statusCode === 200 && typeof id === 'string' && !stop) completedAt.set(id, performance.now());
        } catch {
          return;
        }
      }
    };
    const workers = Array.from({ length: concurrency }, worker);
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, durationMs));
    const exited = new Promise((r) => service.child.once('exit', r));
    service.child.kill('SIGKILL');
    const killedAt = performance.now();
    stop = true;
    await exited;
    await Promise.all(workers);
    await pool.destroy();
    const db = new DatabaseSync(join(dir, 'data', 'switchyard.db'));
    const stored = new Set((db.prepare('SELECT id FROM request_records').all() as { id: string }[]).map((r) => r.id));
    db.close();
    let earliestLost = Infinity;
    let lost = 0;
    for (const [id, at] of completedAt) {
      if (stored.has(id)) continue;
      lost++;
      earliestLost = Math.min(earliestLost, at);
    }
    return { completed: completedAt.size, rows: stored.size, lost, windowMs: lost ? killedAt - earliestLost : 0, rps: (completedAt.size / (killedAt - t0)) * 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

let emulator: Service | undefined;
try {
  emulator = await spawnService([join(root, 'test/emulator/main.ts'), '--api-key', UPSTREAM_KEY]);
  console.log(`Records lost on kill -9 — ${runs} run(s), ${durationMs} ms of closed-loop load at concurrency ${concurrency}, non-streaming chat; Node ${process.version}\n`);
  console.log('run  completed  rows in DB  lost  lost %   window (ms)  req/s');
  const results: RunResult[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await oneRun(emulator.url);
    results.push(r);
    console.log(`${String(i + 1).padEnd(4)} ${String(r.completed).padStart(9)}  ${String(r.rows).padStart(10)}  ${String(r.lost).padStart(4)}  ${((r.lost / r.completed) * 100).toFixed(2).padStart(6)}  ${r.windowMs.toFixed(1).padStart(11)}  ${r.rps.toFixed(0).padStart(5)}`);
  }
  const worst = Math.max(...results.map((r) => r.windowMs));
  const lost = results.reduce((a, r) => a + r.lost, 0);
  const completed = results.reduce((a, r) => a + r.completed, 0);
  console.log(`\nLost ${lost} of ${completed} completed requests' records (${((lost / completed) * 100).toFixed(2)}%); the largest window lost: ${worst.toFixed(1)} ms before the kill.`);
} finally {
  await emulator?.stop();
}
