/**
 * `npm run bench:instructions`: instructions per request of Switchyard (or the bare passthrough),
 * counted by valgrind's callgrind. Counts repeat to within about 0.5% from run to run, where
 * timings on a shared machine move by ±5%, so two versions of a change can be told apart by a
 * few thousand instructions. Under valgrind V8 optimizes fewer functions to its top tier, so
 * JavaScript-heavy paths are overstated; confirm a saving in time with `npm run bench`.
 * Options: --mode stream|json, --target switchyard|passthrough, --requests N (1000), --warmup N (3000),
 * --root DIR (another checkout, e.g. a `git worktree` of the base), --top N (functions listed, 25).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { selfInstructions } from './callgrind-functions.ts';
import { startBenchGateway, UPSTREAM_KEY } from './bench-gateway.ts';
import { spawnService, type Service } from './spawn-service.ts';

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'stream' },
    target: { type: 'string', default: 'switchyard' },
    requests: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '3000' },
    root: { type: 'string' },
    top: { type: 'string', default: '25' },
  },
});
const requests = Number(values.requests);
const warmup = Number(values.warmup);
const root = values.root ?? new URL('..', import.meta.url).pathname;
if (!['stream', 'json'].includes(values.mode!) || !['switchyard', 'passthrough'].includes(values.target!) || !(requests > 0) || !(warmup >= 0)) {
  console.error('usage: npm run bench:instructions -- [--mode stream|json] [--target switchyard|passthrough] [--requests N] [--warmup N] [--root DIR] [--top N]');
  process.exit(2);
}
for (const tool of ['valgrind', 'callgrind_control']) {
  if (spawnSync(tool, ['--help'], { stdio: 'ignore' }).error) {
    console.error(`${tool} was not found: install valgrind (Debian: apt-get install valgrind)`);
    process.exit(2);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'switchyard-instructions-'));
const out = join(dir, 'callgrind.out');
// Instrumentation starts off and is switched on around the measured requests only.
const valgrind = ['valgrind', '--tool=callgrind', '--instr-atstart=no', '--separate-threads=yes', `--callgrind-out-file=${out}`];
const services: Service[] = [];
try {
  const emulator = await spawnService([join(root, 'test/emulator/main.ts'), '--api-key', UPSTREAM_KEY]);
  services.push(emulator);
  let key = UPSTREAM_KEY;
  let target: Service;
  console.log(`starting the ${values.target} under callgrind (slow: about a minute per 3,000 requests)…`);
  if (values.target === 'switchyard') {
    const started = await startBenchGateway({ root, dir, emulatorUrl: emulator.url, nodeArgs: ['--perf-basic-prof'], wrapper: valgrind });
    target = started.service;
    key = started.key;
  } else {
    target = await spawnService(['--perf-basic-prof', join(root, 'bench/bare-passthrough.mjs'), emulator.url], {}, valgrind);
  }
  services.push(target);
  const message = { role: 'user', content: 'benchmark [emu tokens=16]' };
  const body = JSON.stringify(values.mode === 'stream'
    ? { model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true }, messages: [message] }
    : { model: 'gpt-4o-mini', messages: [message] });
  const pool = new Pool(new URL(target.url).origin, { connections: 1 });
  const send = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const res = await pool.request({ method: 'POST', path: '/v1/chat/completions', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
      for await (const chunk of res.body) void chunk;
      if (res.statusCode !== 200) throw new Error(`request failed with HTTP ${res.statusCode}`);
    }
  };
  console.log(`warming up with ${warmup} requests…`);
  await send(warmup);
  const pid = String(target.child.pid);
  execFileSync('callgrind_control', ['--instr=on', pid], { stdio: 'ignore' });
  console.log(`counting ${requests} requests…`);
  await send(requests);
  execFileSync('callgrind_control', ['--instr=off', pid], { stdio: 'ignore' });
  execFileSync('callgrind_control', ['--dump', pid], { stdio: 'ignore' });
  await pool.close();
  const dumps = await waitForDumps(dir);

  console.log(`\n${values.target}, ${values.mode === 'stream' ? 'streaming (16 chunks)' : 'non-streaming'}: instructions per request (${requests} requests after ${warmup})`);
  for (const f of dumps) {
    const total = Number(/^totals: (\d+)/m.exec(readFileSync(join(dir, f), 'utf8'))?.[1] ?? 0);
    if (total > requests * 100) console.log(`  thread ${Number(f.slice(-2))}${f.endsWith('-01') ? ' (main)' : ''}: ${(total / requests / 1000).toFixed(1)} k`);
  }
  const main = dumps.find((f) => f.endsWith('-01'));
  if (main) {
    console.log(`\ntop functions on the main thread (own instructions per request; JIT code named from /tmp/perf-${pid}.map):`);
    const perfMapFile = `/tmp/perf-${pid}.map`;
    const perfMap = readFileSync(perfMapFile, 'utf8');
    rmSync(perfMapFile, { force: true });
    for (const [name, n] of selfInstructions(readFileSync(join(dir, main), 'utf8'), perfMap).slice(0, Number(values.top))) {
      console.log(`  ${(n / requests / 1000).toFixed(2).padStart(7)} k  ${name.length > 120 ? name.slice(0, 117) + '…' : name}`);
    }
  }
} finally {
  await Promise.all(services.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
}

/** The per-thread files of the dump (`callgrind.out.1-NN`), once valgrind has written them. */
async function waitForDumps(d: string): Promise<string[]> {
  const list = () => readdirSync(d).filter((f) => /^callgrind\.out\.1-\d+$/.test(f)).sort();
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  for (let i = 0; i < 50 && list().length === 0; i++) await sleep(200);
  if (list().length === 0) throw new Error('callgrind wrote no dump');
  await sleep(500); // the other threads' files follow the first one
  return list();
}
