/**
 * `npm run bench:streams`: N concurrent streams (default 2,000) to one provider, sent (a) straight at the
 * emulator and (b) through Switchyard on its default settings, each a separate process. Reports time to
 * first token (from sending the request to the first chunk with text; Switchyard holds the empty role
 * chunk until then, so it can still fail over) p50/p99/max for both, and the latency of
 * side traffic (one non-streaming request after another to a route on another provider) during each
 * load, against the same side traffic on an idle system. The emulator serves both phases with the same
 * directives, so what the gateway adds is the difference of the two; the emulator (one Node process) and
 * this load generator are part of both figures, and on a small machine they are the bottleneck of both.
 * Each phase sends a first wave of the same streams unmeasured, so both the client's and the gateway's
 * keep-alive connections are open (as in a gateway that has been serving), then the measured wave; a
 * wave starts its streams evenly over `--ramp-ms` (a burst of 2,000 TCP handshakes at once measures the
 * kernel's accept queue, not a gateway), and every stream outlasts the ramp, so all are open at once.
 * Options: --streams N (2000), --tokens N (20), --token-delay-ms N (250), --latency-ms N (50: the
 * emulator's own time to headers), --ramp-ms N (1000), --max-connections N (sets the provider's
 * max_connections instead of the default, e.g. 256 for the old default), --rounds N (1: repeat both phases).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { startBenchGateway, UPSTREAM_KEY } from './bench-gateway.ts';
import { cpuMs, spawnService, type Service } from './spawn-service.ts';

const { values } = parseArgs({
  options: {
    streams: { type: 'string', default: '2000' },
    tokens: { type: 'string', default: '20' },
    'token-delay-ms': { type: 'string', default: '250' },
    'latency-ms': { type: 'string', default: '50' },
    'max-connections': { type: 'string' },
    rounds: { type: 'string', default: '1' },
    'ramp-ms': { type: 'string', default: '1000' },
  },
});
const streams = Number(values.streams);
const rampMs = Number(values['ramp-ms']);
const directive = `[emu tokens=${Number(values.tokens)} token_delay_ms=${Number(values['token-delay-ms'])} latency_ms=${Number(values['latency-ms'])}]`;
const root = new URL('..', import.meta.url).pathname;

/** The first chunk that carries text: a `"content":"` with at least one character (the role chunk's is empty). */
const FIRST_TOKEN = /"content":"[^"]/;

interface Target {
  url: string;
  key: string;
  streamModel: string;
  sideModel: string;
}

interface PhaseResult {
  ttft: number[];
  errors: number;
  side: number[];
  sideErrors: number;
  wallMs: number;
  /** CPU seconds the emulator and the gateway used during the measured wave. */
  cpu: number[];
}

let watched: Service[] = [];

/** An unmeasured wave, then a measured one on the same client connections. */
async function phase(t: Target): Promise<PhaseResult> {
  const pool = new Pool(new URL(t.url).origin, { connections: streams + 16, pipelining: 1 });
  await wave(t, pool);
  const cpu0 = watched.map((w) => cpuMs(w.child.pid!) ?? NaN);
  const r = await wave(t, pool);
  r.cpu = watched.map((w, i) => ((cpuMs(w.child.pid!) ?? NaN) - cpu0[i]) / 1000);
  await pool.close();
  return r;
}

/** Starts `streams` streaming requests over `rampMs` and, while they run, side requests one after another. */
async function wave(t: Target, pool: Pool): Promise<PhaseResult> {
  const headers = { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' };
  const streamBody = JSON.stringify({ model: t.streamModel, stream: true, messages: [{ role: 'user', content: `bench ${directive}` }] });
  const sideBody = JSON.stringify({ model: t.sideModel, messages: [{ role: 'user', content: 'side [emu tokens=4]' }] });
  const ttft: number[] = [];
  let errors = 0;
  const one = async (i: number): Promise<void> => {
    await new Promise((r) => setTimeout(r, (i * rampMs) / streams));
    const t0 = performance.now();
    try {
      const res = await pool.request({ method: 'POST', path: '/v1/chat/completions', headers, body: streamBody });
      let seen = '';
      for await (const chunk of res.body) {
        if (seen === undefined) continue;
        seen += chunk;
        if (FIRST_TOKEN.test(seen)) {
          if (res.statusCode === 200) ttft.push(performance.now() - t0);
          seen = undefined as unknown as string;
        }
      }
      if (res.statusCode !== 200) errors++;
    } catch {
      errors++;
    }
  };
  let running = true;
  const side: number[] = [];
  let sideErrors = 0;
  const sideLoop = async () => {
    while (running) {
      const t0 = performance.now();
      try {
        const res = await pool.request({ method: 'POST', path: '/v1/chat/completions', headers, body: sideBody });
        await res.body.text();
        if (res.statusCode === 200) side.push(performance.now() - t0);
        else sideErrors++;
      } catch {
        sideErrors++;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const t0 = performance.now();
  const sideDone = sideLoop();
  await Promise.all(Array.from({ length: streams }, (_, i) => one(i)));
  const wallMs = performance.now() - t0;
  running = false;
  await sideDone;
  return { ttft, errors, side, sideErrors, wallMs, cpu: [] };
}

/** Side traffic alone for `ms`: the idle baseline. */
async function idleSide(t: Target, ms: number): Promise<number[]> {
  const pool = new Pool(new URL(t.url).origin, { connections: 1 });
  const body = JSON.stringify({ model: t.sideModel, messages: [{ role: 'user', content: 'side [emu tokens=4]' }] });
  const out: number[] = [];
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const t0 = performance.now();
    const res = await pool.request({ method: 'POST', path: '/v1/chat/completions', headers: { authorization: `Bearer ${t.key}`, 'content-type': 'application/json' }, body });
    await res.body.text();
    out.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 20));
  }
  await pool.close();
  return out;
}

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

const f = (x: number) => (Number.isNaN(x) ? 'n/a' : x.toFixed(0));

const dir = mkdtempSync(join(tmpdir(), 'switchyard-streams-'));
const services: Service[] = [];
try {
  const emulator = await spawnService([join(root, 'test/emulator/main.ts'), '--api-key', UPSTREAM_KEY]);
  services.push(emulator);
  const providerYaml = values['max-connections'] === undefined ? '' : `    max_connections: ${Number(values['max-connections'])}\n`;
  const { service: gateway, key } = await startBenchGateway({ root, dir, emulatorUrl: emulator.url, providerYaml });
  services.push(gateway);
  watched = [emulator, gateway];
  const direct: Target = { url: emulator.url, key: UPSTREAM_KEY, streamModel: 'gpt-4o-mini', sideModel: 'gpt-4o' };
  const through: Target = { url: gateway.url, key, streamModel: 'gpt-4o-mini', sideModel: 'routed' };
  console.log(`${streams} concurrent streams ${directive}, ${values['max-connections'] === undefined ? 'default max_connections' : `max_connections ${values['max-connections']}`}; Node ${process.version}`);
  // Warm both paths (JIT, connections) with a small wave first.
  for (const t of [direct, through]) {
    await idleSide(t, 500);
  }
  const idle = { direct: await idleSide(direct, 2000), through: await idleSide(through, 2000) };
  console.log(`side traffic on an idle system: direct p50 ${idle.direct.length ? pct(idle.direct, 0.5).toFixed(2) : 'n/a'} ms, through Switchyard p50 ${pct(idle.through, 0.5).toFixed(2)} ms p99 ${pct(idle.through, 0.99).toFixed(2)} ms`);
  console.log('');
  console.log(['round', 'target', 'ttft p50', 'ttft p99', 'ttft max', 'errors', 'wall s', 'side p50', 'side p99', 'side max', 'side n', 'side err'].map((c, i) => (i < 2 ? c.padEnd(i === 0 ? 6 : 12) : c.padStart(9))).join(' '));
  for (let r = 1; r <= Number(values.rounds); r++) {
    const rows: [string, PhaseResult][] = [['direct', await phase(direct)], ['switchyard', await phase(through)]];
    for (const [name, p] of rows) {
      console.log([String(r).padEnd(6), name.padEnd(12), f(pct(p.ttft, 0.5)), f(pct(p.ttft, 0.99)), f(pct(p.ttft, 1)), String(p.errors), (p.wallMs / 1000).toFixed(1), f(pct(p.side, 0.5)), f(pct(p.side, 0.99)), f(pct(p.side, 1)), String(p.side.length), String(p.sideErrors)].map((c, i) => (i < 2 ? c : c.padStart(9))).join(' '));
    }
    const [d, s] = rows.map((x) => x[1]);
    for (const [name, p] of rows) console.log(`  ${name}: CPU used during the measured wave: emulator ${p.cpu[0].toFixed(1)} s, gateway ${p.cpu[1].toFixed(1)} s, over ${(p.wallMs / 1000).toFixed(1)} s`);
    console.log(`→ round ${r}: Switchyard adds ${f(pct(s.ttft, 0.5) - pct(d.ttft, 0.5))} ms at TTFT p50 and ${f(pct(s.ttft, 0.99) - pct(d.ttft, 0.99))} ms at p99 (target: p99 within 100 ms)`);
  }
  console.log(`\npeak RSS: emulator ${emulator.peakRssMiB()?.toFixed(0)} MiB, switchyard ${gateway.peakRssMiB()?.toFixed(0)} MiB`);
} finally {
  await Promise.all(services.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
}
