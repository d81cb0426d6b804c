/**
 * `npm run bench:memory`: Switchyard's memory against a plain-JavaScript bare passthrough
 * (`bench/bare-passthrough.mjs`, loaded without type stripping), both in front of the same emulator:
 * - idle RSS: resident memory a few seconds after start, before any request;
 * - bytes allocated per request on the V8 heap, non-streaming and streaming (16 chunks). Method: both
 *   processes run with `--trace-gc-nvp`, which prints every collection's heap object size before and
 *   after it; the bytes allocated between two collections are the next one's size before minus the
 *   last one's size after. A measured window starts and ends on a full collection forced through
 *   `bench/gc-on-signal.mjs` (SIGUSR2), so the sum over the window counts every object allocated in
 *   it, on every thread's heap (Switchyard's SQLite worker included). Buffer contents (socket reads)
 *   live outside the V8 heap and are not counted, for either process;
 * - peak RSS (VmHWM) after the allocation runs and a streaming load at concurrency 64.
 * Options: --requests N (5000 per measured window), --stream-seconds N (10).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { startBenchGateway, UPSTREAM_KEY } from './bench-gateway.ts';
import { runLoad } from './load-generator.ts';
import { spawnService, type Service } from './spawn-service.ts';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '5000' }, 'stream-seconds': { type: 'string', default: '10' } } });
const requests = Number(values.requests);
const root = new URL('..', import.meta.url).pathname;
const MEASURED = ['--trace-gc-nvp', '--expose-gc', '--import', join(root, 'bench/gc-on-signal.mjs')];
const GC_LINE = /^\[\d+:(0x[0-9a-f]+):\d+\].* start_object_size=(\d+) end_object_size=(\d+)/;

/** Every collection a process reports on stdout, in order: which heap (isolate), its object bytes before and after. */
class GcLog {
  readonly events: { heap: string; before: number; after: number }[] = [];

  constructor(svc: Service) {
    let buf = '';
    svc.child.stdout!.on('data', (d: Buffer) => {
      buf += d;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const m = GC_LINE.exec(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        if (m) this.events.push({ heap: m[1], before: Number(m[2]), after: Number(m[3]) });
      }
    });
  }

  /** Bytes allocated on every heap between event `from` (exclusive, a forced collection) and the last event. */
  allocatedSince(from: number): number {
    const lastAfter = new Map<string, number>();
    for (let i = 0; i <= from; i++) lastAfter.set(this.events[i].heap, this.events[i].after);
    let total = 0;
    for (let i = from + 1; i < this.events.length; i++) {
      const e = this.events[i];
      const prev = lastAfter.get(e.heap);
      if (prev !== undefined) total += Math.max(0, e.before - prev);
      lastAfter.set(e.heap, e.after);
    }
    return total;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Forces a full collection in `svc` and resolves with the index of its event once it has been reported. */
async function forcedCollection(svc: Service, log: GcLog): Promise<number> {
  const n = log.events.length;
  svc.child.kill('SIGUSR2');
  while (log.events.length === n) await sleep(10);
  await sleep(200);
  return log.events.length - 1;
}

/** Sends exactly `n` requests, 8 at a time, reading every body to its end. */
async function send(url: string, key: string, body: string, n: number): Promise<void> {
  const pool = new Pool(new URL(url).origin, { connections: 8 });
  let left = n;
  const worker = async () => {
    while (left-- > 0) {
      const res = await pool.request({ method: 'POST', path: '/v1/chat/completions', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
      await res.body.text();
      if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  await pool.close();
}

function rssMiB(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readStatus(pid));
  return kb ? Number(kb[1]) / 1024 : NaN;
}

function readStatus(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return '';
  }
}

const dir = mkdtempSync(join(tmpdir(), 'switchyard-memory-'));
const services: Service[] = [];
try {
  const emulator = await spawnService([join(root, 'test/emulator/main.ts'), '--api-key', UPSTREAM_KEY]);
  services.push(emulator);
  const passthrough = await spawnService([...MEASURED, join(root, 'bench/bare-passthrough.mjs'), emulator.url]);
  services.push(passthrough);
  const gateway = await startBenchGateway({ root, dir, emulatorUrl: emulator.url, nodeArgs: MEASURED });
  services.push(gateway.service);
  const sides = [
    { name: 'bare passthrough (plain JS)', svc: passthrough, key: UPSTREAM_KEY, log: new GcLog(passthrough) },
    { name: 'switchyard', svc: gateway.service, key: gateway.key, log: new GcLog(gateway.service) },
  ];
  await sleep(3000);
  console.log(`Memory: Switchyard vs a plain-JS bare passthrough; Node ${process.version}\n`);
  console.log('## idle RSS (3 s after start, no request yet)');
  for (const s of sides) console.log(`${s.name.padEnd(30)} ${rssMiB(s.svc.child.pid!).toFixed(1)} MiB`);

  const message = { role: 'user', content: 'benchmark [emu tokens=16]' };
  const modes = [
    { name: 'non-streaming', body: JSON.stringify({ model: 'gpt-4o-mini', messages: [message] }) },
    { name: 'streaming (16 chunks)', body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true }, messages: [message] }) },
  ];
  for (const s of sides) for (const m of modes) await send(s.svc.url, s.key, m.body, 3000); // JIT warm-up
  console.log(`\n## V8 heap bytes allocated per request (${requests} requests per window, after 3,000 of each kind to warm up)`);
  for (const m of modes) {
    const perRequest: number[] = [];
    for (const s of sides) {
      const from = await forcedCollection(s.svc, s.log);
      await send(s.svc.url, s.key, m.body, requests);
      await forcedCollection(s.svc, s.log);
      perRequest.push(s.log.allocatedSince(from) / requests);
    }
    console.log(`${m.name.padEnd(24)} passthrough ${(perRequest[0] / 1024).toFixed(1)} KB, switchyard ${(perRequest[1] / 1024).toFixed(1)} KB: ${(perRequest[1] / perRequest[0]).toFixed(2)}× (target ≤ 1.3×)`);
  }

  const seconds = Number(values['stream-seconds']);
  console.log(`\n## peak RSS (VmHWM) after the runs above and ${seconds} s of streaming at concurrency 64`);
  for (const s of sides) {
    await runLoad({ url: s.svc.url, path: '/v1/chat/completions', body: modes[1].body, headers: { authorization: `Bearer ${s.key}`, 'content-type': 'application/json' }, concurrency: 64, durationMs: seconds * 1000, warmupMs: 0 });
  }
  const peaks = sides.map((s) => s.svc.peakRssMiB() ?? NaN);
  for (const [i, s] of sides.entries()) console.log(`${s.name.padEnd(30)} ${peaks[i].toFixed(1)} MiB`);
  console.log(`switchyard / passthrough: ${(peaks[1] / peaks[0]).toFixed(2)}×`);
} finally {
  await Promise.all(services.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
}
