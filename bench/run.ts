/**
 * `npm run bench`: the same load against (a) the provider emulator directly, (b) a bare passthrough
 * proxy, (c) Switchyard with auth and request recording on, through a single-target route, and
 * (d) the same Switchyard through a three-target route (latency strategy, retries, breakers), side
 * by side in one run; prints throughput, p50/p99 latency, CPU per request of the serving process
 * (steadier than throughput on a shared machine), Switchyard's ratios to the passthrough, the
 * router's ratio to the single-target path, and peak RSS.
 * Options: --quick (short smoke run), --duration MS, --concurrency 1,16,64
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runLoad, type LoadResult } from './load-generator.ts';
import { measureRouterOverhead } from './router-overhead.ts';
import { cpuMs, spawnService, type Service } from './spawn-service.ts';

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, duration: { type: 'string' }, concurrency: { type: 'string' } } });
const quick = values.quick ?? false;
const durationMs = Number(values.duration ?? (quick ? 400 : 4000));
const warmupMs = quick ? 200 : 1000;
const levels = (values.concurrency ?? (quick ? '1,8' : '1,16,64')).split(',').map(Number);
const UPSTREAM_KEY = 'bench-upstream-key';
const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'src/cli/main.ts');

const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
const services: Service[] = [];
try {
  const emulator = await spawnService([join(root, 'test/emulator/main.ts'), '--api-key', UPSTREAM_KEY]);
  services.push(emulator);
  const passthrough = await spawnService([join(root, 'bench/bare-passthrough.ts'), emulator.url]);
  services.push(passthrough);
  const env = { SWITCHYARD_DATA_DIR: join(dir, 'data'), SWITCHYARD_LOG_FORMAT: 'json', SWITCHYARD_LOG_LEVEL: 'info' };
  writeFileSync(join(dir, 'bench.yaml'), benchConfig(emulator.url));
  const created = spawnSync(process.execPath, [cli, 'keys', 'create', '--name', 'bench', '--json'], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (created.status !== 0) throw new Error(created.stderr);
  const virtualKey = (JSON.parse(created.stdout) as { key: string }).key;
  const switchyard = await spawnService([cli, 'start', '--config', join(dir, 'bench.yaml'), '--port', String(await freePort())], env);
  services.push(switchyard);

  const targets = [
    { name: 'emulator (direct)', url: emulator.url, key: UPSTREAM_KEY, svc: emulator },
    { name: 'bare passthrough', url: passthrough.url, key: UPSTREAM_KEY, svc: passthrough },
    { name: 'switchyard', url: switchyard.url, key: virtualKey, svc: switchyard },
  ];
  const modes = [
    { name: 'chat, non-streaming', body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'benchmark [emu tokens=16]' }] } },
    { name: 'chat, streaming (16 chunks)', body: { model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'benchmark [emu tokens=16]' }] } },
  ];
  console.log(`Switchyard benchmark — ${durationMs} ms per cell after ${warmupMs} ms warm-up; Node ${process.version}\n`);
  const verdicts: string[] = [];
  for (const mode of modes) {
    console.log(`## ${mode.name}`);
    console.log(pad(['concurrency', 'target', 'req/s', 'p50 ms', 'p99 ms', 'cpu µs/req', 'errors']));
    for (const c of levels) {
      const results: LoadResult[] = [];
      const cpu: number[] = [];
      for (const t of targets) {
        const { r, perReq } = await measure(t.svc, { url: t.url, path: '/v1/chat/completions', body: JSON.stringify(mode.body), headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' }, concurrency: c, durationMs, warmupMs });
        results.push(r);
        cpu.push(perReq);
        console.log(pad([String(c), t.name, r.rps.toFixed(0), r.p50.toFixed(3), r.p99.toFixed(3), perReq.toFixed(0), String(r.errors)]));
      }
      const [, bare, sy] = results;
      const ratio = sy.rps / bare.rps;
      const added = sy.p50 - bare.p50;
      console.log(pad(['', '→ switchyard vs passthrough', `${ratio.toFixed(2)}×`, `${added >= 0 ? '+' : ''}${added.toFixed(3)}`, `${(sy.p99 - bare.p99).toFixed(3)}`, `+${(cpu[2] - cpu[1]).toFixed(0)}`, '']));
      verdicts.push(`${mode.name}, c=${c}: throughput ${ratio.toFixed(2)}× passthrough, p50 ${added >= 0 ? '+' : ''}${added.toFixed(3)} ms, CPU +${(cpu[2] - cpu[1]).toFixed(0)} µs/request`);
    }
    console.log('');
  }
  // The router's cost: the same Switchyard through a single-target route and through a three-target
  // route (latency strategy), in rounds of single, routed, routed, single so drift and GC debt from
  // one run do not land on one side only. The verdict is the median round: one noisy round on a
  // shared machine cannot swing it.
  const rounds = quick ? 1 : 3;
  console.log(`## router: 3-target route vs single-target route (${rounds} interleaved A B B A rounds, median)`);
  console.log(pad(['concurrency', 'mode', 'single/s', 'routed/s', 'ratio', 'cpu Δ µs', 'rounds']));
  for (const mode of modes) {
    for (const c of levels.slice(0, 2)) {
      const perRound: { single: number; routed: number; cpuDelta: number }[] = [];
      for (let round = 0; round < rounds; round++) {
        const totals = { single: { n: 0, ms: 0, cpu: 0 }, routed: { n: 0, ms: 0, cpu: 0 } };
        for (const side of ['single', 'routed', 'routed', 'single'] as const) {
          const body = JSON.stringify(side === 'routed' ? { ...mode.body, model: 'routed' } : mode.body);
          const cellMs = Math.max(200, Math.round(durationMs / 2));
          const { r, perReq } = await measure(switchyard, { url: switchyard.url, path: '/v1/chat/completions', body, headers: { authorization: `Bearer ${virtualKey}`, 'content-type': 'application/json' }, concurrency: c, durationMs: cellMs, warmupMs: Math.min(warmupMs, 300) });
          totals[side].n += r.requests;
          totals[side].ms += cellMs;
          totals[side].cpu += perReq * r.requests;
        }
        perRound.push({
          single: (totals.single.n * 1000) / totals.single.ms,
          routed: (totals.routed.n * 1000) / totals.routed.ms,
          cpuDelta: totals.routed.cpu / totals.routed.n - totals.single.cpu / totals.single.n,
        });
      }
      const ratios = perRound.map((x) => x.routed / x.single);
      const mid = perRound[ratios.indexOf(median(ratios))];
      const ratio = mid.routed / mid.single;
      console.log(pad([String(c), mode.name.replace('chat, ', ''), mid.single.toFixed(0), mid.routed.toFixed(0), `${ratio.toFixed(2)}×`, `${mid.cpuDelta >= 0 ? '+' : ''}${mid.cpuDelta.toFixed(0)}`, ratios.map((x) => x.toFixed(2)).join(' ')]));
      verdicts.push(`router, ${mode.name}, c=${c}: 3-target route ${ratio.toFixed(2)}× single-target (rounds ${ratios.map((x) => x.toFixed(2)).join(', ')}), CPU ${mid.cpuDelta >= 0 ? '+' : ''}${mid.cpuDelta.toFixed(0)} µs/request`);
    }
  }
  console.log('');
  console.log('## router CPU per request, in process (route + plan + execute around an instant attempt)');
  const overhead = await measureRouterOverhead(quick ? 50_000 : 200_000);
  for (const o of overhead) console.log(`${o.name.padEnd(28)} ${o.microsPerRequest.toFixed(2)} µs`);
  verdicts.push(`router CPU in process: ${overhead.map((o) => `${o.name} ${o.microsPerRequest.toFixed(2)} µs`).join(', ')}`);
  console.log('');
  console.log('## peak RSS');
  for (const [name, s] of [['emulator', emulator], ['bare passthrough', passthrough], ['switchyard', switchyard]] as const) {
    const rss = s.peakRssMiB();
    console.log(`${name.padEnd(18)} ${rss == null ? 'n/a' : rss.toFixed(1) + ' MiB'}`);
  }
  console.log('\n## summary (targets: throughput ≥ 0.80× passthrough, added p50 at c=1 ≤ 0.1 ms; router ≥ 0.95× single-target)');
  for (const v of verdicts) console.log('  ' + v);
} finally {
  await Promise.all(services.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
}

/** One load run, with the serving process's CPU time per request. */
async function measure(svc: Service, spec: Parameters<typeof runLoad>[0]): Promise<{ r: LoadResult; perReq: number }> {
  const cpu0 = cpuMs(svc.child.pid!);
  const r = await runLoad(spec);
  const cpu1 = cpuMs(svc.child.pid!);
  return { r, perReq: cpu0 == null || cpu1 == null ? NaN : ((cpu1 - cpu0) * 1000) / r.requests };
}

/** One emulator behind four providers: `gpt-4o-mini` routes to one target, `routed` to three. */
function benchConfig(emulatorUrl: string): string {
  const provider = (id: string) => `  ${id}:\n    type: openai\n    base_url: ${emulatorUrl}/v1\n    api_key: ${UPSTREAM_KEY}\n`;
  return `providers:\n${provider('emu')}${provider('emu2')}${provider('emu3')}${provider('emu4')}models:
  gpt-4o-mini: emu/gpt-4o-mini
  routed:
    strategy: latency
    targets: [emu2/gpt-4o-mini, emu3/gpt-4o-mini, emu4/gpt-4o-mini]
`;
}

/** The middle value (the upper one of the two middles for an even count), so it is always one of the inputs. */
function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}

function pad(cols: string[]): string {
  const w = [12, 28, 9, 9, 9, 11, 7];
  return cols.map((c, i) => (i < 2 ? c.padEnd(w[i]) : c.padStart(w[i]))).join(' ');
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
