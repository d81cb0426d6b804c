import { request } from 'node:http';
import OpenAI from 'openai';
import type { TargetView } from '../../src/admin/target-view.ts';
import type { RequestRecord } from '../../src/store/store-types.ts';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/server.ts';
import { MASTER_KEY, startGatewayFromYaml, UPSTREAM_KEY, type YamlGateway } from './gateway-harness.ts';

/**
 * A gateway in front of several named emulators (one provider each, OpenAI format unless an
 * emulator's options say `provider: 'anthropic'`), for the resilience tests: per-emulator options (scripted
 * `random`, seeds), raw streaming with trailers, request records by id and the admin targets view.
 */
export interface Fleet {
  gw: YamlGateway;
  url: string;
  emu: Record<string, Emulator>;
  openai(): OpenAI;
  /** POST /v1/chat/completions with raw fetch. */
  chat(body: Record<string, unknown>): Promise<Response>;
  /** POST /v1/chat/completions over node:http, reading the whole body and the trailers (`x-switchyard-cost-usd` on streams). */
  rawChat(body: Record<string, unknown>): Promise<RawAnswer>;
  /** The request's record once the writer has flushed it. */
  record(requestId: string): Promise<RequestRecord>;
  /** `GET /admin/v1/targets`, keyed by target key (`provider/model`). */
  targets(): Promise<Record<string, TargetView>>;
  /** Every emulator back to healthy, no defaults, empty log. */
  resetEmulators(): void;
  close(): Promise<void>;
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  trailers: Record<string, string | undefined>;
  elapsedMs: number;
}

export interface FleetOptions {
  /** Emulator name → options; the name is also the provider id in the config. */
  emulators: Record<string, EmulatorOptions>;
  /** The `models:` and `routing:` sections (and anything else); the providers section is generated. */
  yaml: string;
  /** Timeouts for every provider unless a target overrides them. */
  timeouts?: string;
}

export async function startFleet(o: FleetOptions): Promise<Fleet> {
  const emu: Record<string, Emulator> = {};
  for (const [name, opts] of Object.entries(o.emulators)) emu[name] = await startEmulator({ apiKey: UPSTREAM_KEY, quiet: true, ...opts });
  const providers = Object.entries(emu).map(([name, e]) => `  ${name}: { type: ${o.emulators[name].provider ?? 'openai'}, base_url: ${e.url}${baseSuffix(o.emulators[name])}, api_key: ${UPSTREAM_KEY} }`);
  const yaml = `
upstream_defaults:
  timeouts: ${o.timeouts ?? '{ connect_ms: 1000, first_byte_ms: 3000, idle_ms: 3000, total_ms: 10000 }'}
providers:
${providers.join('\n')}
${o.yaml}`;
  const gw = await startGatewayFromYaml(yaml);
  const url = gw.gateway.url;
  const auth = { authorization: `Bearer ${gw.secret}`, 'content-type': 'application/json' };
  return {
    gw, url, emu,
    openai: () => new OpenAI({ apiKey: gw.secret, baseURL: url + '/v1', maxRetries: 0, timeout: 20_000 }),
    chat: (body) => fetch(url + '/v1/chat/completions', { method: 'POST', headers: auth, body: JSON.stringify(body) }),
    rawChat: (body) => rawPost(url + '/v1/chat/completions', auth, JSON.stringify(body)),
    async record(requestId) {
      for (let i = 0; i < 100; i++) {
        await gw.gateway.records.flush();
        const found = (await gw.store.records.list({ limit: 1000 })).find((r) => r.id === requestId);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no request record with id ${requestId}`);
    },
    async targets() {
      const res = await fetch(url + '/admin/v1/targets', { headers: { authorization: `Bearer ${MASTER_KEY}` } });
      if (res.status !== 200) throw new Error(`GET /admin/v1/targets answered ${res.status}: ${await res.text()}`);
      const { data } = (await res.json()) as { data: TargetView[] };
      return Object.fromEntries(data.map((t) => [t.key, t]));
    },
    resetEmulators() {
      for (const e of Object.values(emu)) {
        e.setScenario({ kind: 'healthy' });
        e.setDefaults({});
        e.log.clear();
      }
    },
    async close() {
      await gw.close();
      await Promise.all(Object.values(emu).map((e) => e.close()));
    },
  };
}

function baseSuffix(o: EmulatorOptions): string {
  if (o.provider === undefined || o.provider === 'openai' || o.provider === 'anthropic') return '/v1';
  throw new Error(`startFleet speaks openai and anthropic emulators, not ${o.provider}`);
}

function rawPost(url: string, headers: Record<string, string>, body: string): Promise<RawAnswer> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (s: string) => (text += s));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, trailers: res.trailers, elapsedMs: performance.now() - t0 }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The `data:` payloads of an SSE body, in order (`[DONE]` kept as the string). */
export function sseData(text: string): string[] {
  return text
    .split('\n\n')
    .filter((e) => e.trim() !== '')
    .map((e) => e.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n'));
}

/** A fresh scripted RNG for an emulator's `fail_rate`: values pushed onto `script` come out first, then `fallback`. */
export function scriptedRandom(fallback = 0.999): { random: () => number; script: number[] } {
  const script: number[] = [];
  return { script, random: () => script.shift() ?? fallback };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Milliseconds between two emulator log entries: `a` finished → `b` started. */
export const gapMs = (a: { finishedAt?: number }, b: { startedAt: number }) => b.startedAt - (a.finishedAt ?? Number.NaN);

export const user = (content: string) => [{ role: 'user' as const, content }];
