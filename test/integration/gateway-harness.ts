import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { parseConfigText } from '../../src/config/index.ts';
import type { Config } from '../../src/config/types.ts';
import { priceBookForConfig } from '../../src/gateway/price-book-for-config.ts';
import { startGateway, type RunningGateway } from '../../src/gateway/start-gateway.ts';
import { createVirtualKey, type NewKeyRequest } from '../../src/keys/create-virtual-key.ts';
import { createLogger, silentLogger, type Logger } from '../../src/observability/logger.ts';
import { loadPriceCatalog } from '../../src/pricing/load-price-catalog.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/store-types.ts';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/server.ts';

export const UPSTREAM_KEY = 'emulator-upstream-secret';
export const MASTER_KEY = 'test-master-key-0123456789';

export interface Harness {
  gateway: RunningGateway;
  emulators: Emulator[];
  emulator: Emulator;
  store: Store;
  /** A key allowed every model. */
  secret: string;
  url: string;
  openai(secret?: string, opts?: { maxRetries?: number }): OpenAI;
  newKey(req: NewKeyRequest): Promise<string>;
  /** POSTs JSON (or raw text) to the gateway with the default key unless headers override it. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Extra YAML appended to the base config; `{{emu0}}`, `{{emu1}}`… become emulator base URLs. */
  yaml?: (urls: string[]) => string;
  emulators?: number;
  emulatorOptions?: EmulatorOptions;
  tweak?: (c: Config) => Config;
  masterKey?: string;
}

const baseYaml = (urls: string[]) => `
upstream_defaults:
  timeouts: { connect_ms: 2000, first_byte_ms: 1500, idle_ms: 1000, total_ms: 10000 }
providers:
${urls.map((u, i) => `  emu${i}:\n    type: openai\n    base_url: ${u}/v1\n    api_key: ${UPSTREAM_KEY}\n`).join('')}
models:
  gpt-4o-mini: emu0/gpt-4o-mini
  text-embedding-3-small: emu0/text-embedding-3-small
`;

/** A gateway started from YAML on an ephemeral port with a fresh SQLite store and one all-models key. */
export interface YamlGateway {
  gateway: RunningGateway;
  store: Store;
  secret: string;
  newKey(req: NewKeyRequest): Promise<string>;
  close(): Promise<void>;
}

export async function startGatewayFromYaml(yaml: string, o: { tweak?: (c: Config) => Config; masterKey?: string; log?: Logger } = {}): Promise<YamlGateway> {
  const parsed = parseConfigText(yaml, {}, 'test.yaml');
  if (!parsed.ok) throw new Error('test config invalid: ' + JSON.stringify(parsed.errors, null, 2));
  let config: Config = { ...parsed.config, server: { ...parsed.config.server, port: 0, records: { ...parsed.config.server.records, flushIntervalMs: 50 } } };
  if (o.tweak) config = o.tweak(config);
  const dir = mkdtempSync(join(tmpdir(), 'sy-it-'));
  const store = openSqliteStore(dir);
  const catalog = await loadPriceCatalog();
  const log = o.log ?? (process.env.SWITCHYARD_TEST_LOGS ? createLogger({ level: 'debug', format: 'pretty' }) : silentLogger());
  const gateway = await startGateway({ config, store, log, priceBook: (c) => priceBookForConfig(catalog, c), masterKey: o.masterKey ?? MASTER_KEY, keyPollMs: 100 });
  const newKey = async (req: NewKeyRequest) => {
    const k = await createVirtualKey(store, req);
    gateway.keys.upsert(k.record);
    return k.secret;
  };
  return {
    gateway, store, newKey,
    secret: await newKey({ name: 'test' }),
    async close() {
      await gateway.close(500);
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A real gateway on an ephemeral port in front of real emulator servers, with a fresh SQLite store. */
export async function startHarness(o: HarnessOptions = {}): Promise<Harness> {
  const emulators: Emulator[] = [];
  for (let i = 0; i < (o.emulators ?? 1); i++) emulators.push(await startEmulator({ apiKey: UPSTREAM_KEY, quiet: true, ...o.emulatorOptions }));
  const urls = emulators.map((e) => e.url);
  const g = await startGatewayFromYaml(o.yaml ? o.yaml(urls) : baseYaml(urls), { tweak: o.tweak, masterKey: o.masterKey });
  const { gateway, store, secret } = g;
  return {
    gateway, emulators, emulator: emulators[0], store, secret, url: gateway.url,
    newKey: g.newKey,
    openai: (s = secret, opts = {}) => new OpenAI({ apiKey: s, baseURL: gateway.url + '/v1', maxRetries: opts.maxRetries ?? 0, timeout: 20_000 }),
    post: (path, body, headers = {}) =>
      fetch(gateway.url + path, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async close() {
      await g.close();
      await Promise.all(emulators.map((e) => e.close()));
    },
  };
}

/** Waits until the record writer has flushed and returns the newest records. */
export async function flushedRecords(h: Harness) {
  await h.gateway.records.flush();
  return h.store.records.list({ limit: 1000 });
}

export async function errorBody(res: Response): Promise<{ message: string; type: string; code: string }> {
  const j = (await res.json()) as { error: { message: string; type: string; code: string } };
  return j.error;
}
