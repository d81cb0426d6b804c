/**
 * `npm run bench`: the same load against (a) the provider emulator directly, (b) a bare passthrough
 * proxy, (c) Switchyard with auth and request recording on, through a single-target route, and
 * (d) the same Switchyard through a three-target route (latency strategy, retries, breakers), in one
 * run. After a JIT warm-up, (b) and (c), and (c) and (d), are measured in interleaved A B B A rounds
 * and the median round is reported; so are two identical passthrough processes (the noise floor: how far
 * two processes running the same code land apart). Prints throughput, p50/p99 latency, CPU per request of the
 * serving process (steadier than throughput on a shared machine), Switchyard's ratios to the
 * passthrough, the router's ratio to the single-target path, and peak RSS.
 * Options: --quick (short smoke run), --duration MS, --concurrency 1,16,64
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runLoad, type LoadResult } from './load-generator.ts';
import { compareInterleaved, type Side } from './interleaved.ts';
import { measureRouterOverhead } from './router-overhead.ts';
import { startBenchGateway, UPSTREAM_KEY } from './bench-gateway.ts';
import { cpuMs, spawnService, type Service } from './spawn-service.ts';

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, duration: { type: 'string' }, concurrency: { type: 'string' } } });
const quick = values.quick ?? false;
const durationMs = Number(values.duration ?? (quick ? 400 : 4000));
const warmupMs = quick ? 200 : 1000;
/** Load on every path before anything is measured, so V8 has compiled the hot code (the first seconds of a fresh process are slower). */
const jitWarmupMs = quick ? 300 : 3000;
const levels = (values.concurrency ?? (quick ? '1,8' : '1,16,64')).split(',').map(Number);
const root = new URL('..', import.meta.url).pathname;

const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
const services: Service[] = [];
try {
  const emulator = await spawnService([join(root, 'test/emulator/main.ts'), '--api-key', UPSTREAM_KEY]);
  services.push(emulator);
  const passthrough = await spawnService([join(root, 'bench/bare-passthrough.mjs'), emulator.url]);
  services.push(passthrough);
  // A second, identical passthrough process: how far apart two processes running the same code land (the noise floor).
  const passthrough2 = await spawnService([join(root, 'bench/bare-passthrough.mjs'), emulator.url]);
  services.push(passthrough2);
  const { service: switchyard, key: virtualKey } = await startBenchGateway({ root, dir, emulatorUrl: emulator.url });
  services.push(switchyard);

  const modes = [
    { name: 'chat, non-streaming', body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'benchmark [emu tokens=16]' }] } },
    { name: 'chat, streaming (16 chunks)', body: { model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'benchmark [emu tokens=16]' }] } },
  ];
  // Five shorter rounds rather than three long ones: on a shared machine noise comes in bursts, and a
  // median over more rounds is steadier for the same total time.
  const rounds = quick ? 1 : 5;
  const runMs = Math.max(200, Math.round(durationMs * 0.4));
  const spec = (url: string, key: string, body: object, concurrency: number) =>
    ({ url, path: '/v1/chat/completions', body: JSON.stringify(body), headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, concurrency });
  console.log(`Switchyard benchmark — ${rounds} round(s) of A B B A, ${runMs} ms per run after ${warmupMs} ms warm-up; Node ${process.version}\n`);
  // JIT warm-up: every path is hot before the first measured run, as in a gateway that has been serving.
  for (const mode of modes) {
    for (const [url, key, model] of [[passthrough.url, UPSTREAM_KEY, mode.body.model], [passthrough2.url, UPSTREAM_KEY, mode.body.model], [switchyard.url, virtualKey, mode.body.model], [switchyard.url, virtualKey, 'routed']]) {
      await runLoad({ ...spec(url, key, { ...mode.body, model }, 4), durationMs: jitWarmupMs, warmupMs: 0 });
    }
  }
  /** One interleaved comparison of b against a, with this run's rounds and timings; `ratios` are the rounds' b/a throughput. */
  const interleave = async (a: Side, b: Side) => {
    const r = await compareInterleaved(a, b, { rounds, runMs, warmupMs: Math.min(warmupMs, 300) });
    return { ...r, ratios: r.rounds.map((x) => x.ratio.toFixed(2)) };
  };
  const verdicts: string[] = [];
  /** A signed figure: `+0.062`, `-12`. */
  const p = (x: number, digits = 3) => `${x >= 0 ? '+' : ''}${x.toFixed(digits)}`;
  for (const mode of modes) {
    console.log(`## ${mode.name} (the median round; passthrough and Switchyard interleaved)`);
    console.log(pad(['concurrency', 'target', 'req/s', 'p50 ms', 'p99 ms', 'cpu µs/req', 'errors']));
    for (const c of levels) {
      const direct = await measure(emulator, { ...spec(emulator.url, UPSTREAM_KEY, mode.body, c), durationMs, warmupMs });
      console.log(pad([String(c), 'emulator (direct)', direct.r.rps.toFixed(0), direct.r.p50.toFixed(3), direct.r.p99.toFixed(3), direct.perReq.toFixed(0), String(direct.r.errors)]));
      const { rounds: all, median: m, medianAddedP50: added, ratios: roundRatios } = await interleave(
        { svc: passthrough, spec: spec(passthrough.url, UPSTREAM_KEY, mode.body, c) },
        { svc: switchyard, spec: spec(switchyard.url, virtualKey, mode.body, c) },
      );
      for (const [name, f] of [['bare passthrough', m.a], ['switchyard', m.b]] as const) {
        console.log(pad([String(c), name, f.rps.toFixed(0), f.p50.toFixed(3), f.p99.toFixed(3), f.cpuPerRequest.toFixed(0), String(f.errors)]));
      }
      const cpuDelta = m.b.cpuPerRequest - m.a.cpuPerRequest;
      const ratios = roundRatios.join(', ');
      const p50s = all.map((x) => p(x.b.p50 - x.a.p50)).join(', ');
      console.log(pad(['', '→ switchyard vs passthrough', `${m.ratio.toFixed(2)}×`, p(added), p(m.b.p99 - m.a.p99), p(cpuDelta, 0), '']) + `   rounds ${ratios}`);
      verdicts.push(`${mode.name}, c=${c}: throughput ${m.ratio.toFixed(2)}× passthrough (rounds ${ratios}), added p50 ${p(added)} ms (rounds ${p50s}), CPU ${p(cpuDelta, 0)} µs/request`);
    }
    console.log('');
  }
  // The router's cost: the same Switchyard through a single-target route and through a three-target
  // route (latency strategy), interleaved the same way.
  console.log(`## router: 3-target route vs single-target route (${rounds} interleaved A B B A rounds, median)`);
  console.log(pad(['concurrency', 'mode', 'single/s', 'routed/s', 'ratio', 'cpu Δ µs', 'rounds']));
  for (const mode of modes) {
    for (const c of levels.slice(0, 2)) {
      const { median: m, ratios } = await interleave(
        { svc: switchyard, spec: spec(switchyard.url, virtualKey, mode.body, c) },
        { svc: switchyard, spec: spec(switchyard.url, virtualKey, { ...mode.body, model: 'routed' }, c) },
      );
      const cpuDelta = m.b.cpuPerRequest - m.a.cpuPerRequest;
      console.log(pad([String(c), mode.name.replace('chat, ', ''), m.a.rps.toFixed(0), m.b.rps.toFixed(0), `${m.ratio.toFixed(2)}×`, p(cpuDelta, 0), ratios.join(' ')]));
      verdicts.push(`router, ${mode.name}, c=${c}: 3-target route ${m.ratio.toFixed(2)}× single-target (rounds ${ratios.join(', ')}), CPU ${p(cpuDelta, 0)} µs/request`);
    }
  }
  console.log('');
  // Two processes running the same code differ too (where the scheduler puts them and their helper
  // threads, JIT decisions): this A/A comparison shows how much of a ratio is that noise.
  console.log(`## noise floor: a second passthrough process vs the first (c=${levels[0]}, ${rounds} interleaved A B B A rounds, median)`);
  console.log(pad(['concurrency', 'mode', 'first/s', 'second/s', 'ratio', 'p50 Δ ms', 'rounds']));
  for (const mode of modes) {
    const c = levels[0];
    const { median: m, medianAddedP50: added, ratios } = await interleave(
      { svc: passthrough, spec: spec(passthrough.url, UPSTREAM_KEY, mode.body, c) },
      { svc: passthrough2, spec: spec(passthrough2.url, UPSTREAM_KEY, mode.body, c) },
    );
    console.log(pad([String(c), mode.name.replace('chat, ', ''), m.a.rps.toFixed(0), m.b.rps.toFixed(0), `${m.ratio.toFixed(2)}×`, p(added), ratios.join(' ')]));
    verdicts.push(`noise floor, ${mode.name}, c=${c}: identical passthrough processes ${m.ratio.toFixed(2)}× (rounds ${ratios.join(', ')}), p50 ${p(added)} ms`);
  }
  console.log('');
  console.log('## router CPU per request, in process (route + plan + execute around an instant attempt)');
  const overhead = await measureRouterOverhead(quick ? 50_000 : 200_000);
  for (const o of overhead) console.log(`${o.name.padEnd(28)} ${o.microsPerRequest.toFixed(2)} µs`);
  verdicts.push(`router CPU in process: ${overhead.map((o) => `${o.name} ${o.microsPerRequest.toFixed(2)} µs`).join(', ')}`);
  console.log('');
  console.log('## peak RSS');
  for (const [name, s] of [['emulator', emulator], ['bare passthrough', passthrough], ['passthrough #2', passthrough2], ['switchyard', switchyard]] as const) {
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

function pad(cols: string[]): string {
  const w = [12, 28, 9, 9, 9, 11, 7];
  return cols.map((c, i) => (i < 2 ? c.padEnd(w[i]) : c.padStart(w[i]))).join(' ');
}
