import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import type { Directives } from './directives.ts';
import { handleRequest } from './handle-request.ts';
import type { EmulatorState } from './handle-request.ts';
import { PROVIDER_FORMATS, PROVIDER_ROUTES, type EmulatedProvider } from './provider-routes.ts';
import type { Route } from './request-context.ts';
import { RequestLog } from './request-log.ts';
import { scenarioDirectives, type Scenario } from './scenario.ts';
import { seededRandom } from './seeded-random.ts';
import { DEFAULT_VERTEX_ACCESS_TOKEN } from './vertex/token-endpoint.ts';

export type { Directives } from './directives.ts';
export { RequestLog } from './request-log.ts';
export type { RequestLogEntry, RequestOutcome } from './request-log.ts';
export type { Scenario } from './scenario.ts';
export { seededRandom } from './seeded-random.ts';

/** How to start an emulator; every field is optional so tests can call `startEmulator()`. */
export interface EmulatorOptions {
  /** Which provider's API to speak; default `openai`. */
  provider?: EmulatedProvider;
  /** Default 0: an ephemeral port, so parallel test files never collide. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** When set, requests must authenticate with it (OpenAI: `Authorization: Bearer <apiKey>`), else 401 invalid_api_key. */
  apiKey?: string;
  /** Ids listed by `GET /v1/models`; default gpt-4o-mini, gpt-4o, text-embedding-3-small. */
  models?: string[];
  /** Behaviour for every request unless its headers or inline marker override it. */
  defaults?: Directives;
  /** Suppresses debug logging even when EMULATOR_DEBUG is set. */
  quiet?: boolean;
  /** Source of randomness for `fail_rate`; inject a fixed sequence for deterministic tests. Default Math.random. */
  random?: () => number;
  /** Seeds a deterministic `random` (mulberry32) when `random` is not given, so flapping repeats exactly. */
  seed?: number;
  /** How many request log entries to keep; default 10,000. */
  logLimit?: number;
  /** Bedrock: requests must carry a valid AWS SigV4 signature by these credentials, else 403 (AWS error shape). */
  aws?: { accessKeyId: string; secretAccessKey: string };
  /** Vertex: `POST /token` verifies service-account JWTs against this PEM public key; data endpoints then require the issued token. */
  gcpPublicKeyPem?: string;
}

/** A running emulator. Close it in test teardown; `close` also ends hung and streaming requests. */
export interface Emulator {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234; OpenAI paths are under /v1. */
  url: string;
  port: number;
  log: RequestLog;
  /** Replaces the default directives at runtime; per-request headers and markers still override them. */
  setDefaults(d: Directives): void;
  /** Sets what the whole instance does (down, flapping, slow, throttled, healthy); wins over per-request directives. */
  setScenario(s: Scenario): void;
  /** Stops listening and destroys every open socket. */
  close(): Promise<void>;
}

const DEFAULT_MODELS: readonly string[] = ['gpt-4o-mini', 'gpt-4o', 'text-embedding-3-small'];

function routeFinder(routes: readonly Route[]): (method: string, path: string) => Route | undefined {
  const exact = new Map<string, Route>();
  const matchers: Route[] = [];
  for (const route of routes) {
    if (typeof route.path === 'string') exact.set(`${route.method} ${route.path}`, route);
    else matchers.push(route);
  }
  return (method, path) =>
    exact.get(`${method} ${path}`) ??
    matchers.find((route) => route.method === method && typeof route.path === 'function' && route.path(path));
}

function routesFor(provider: EmulatedProvider, opts: EmulatorOptions): readonly Route[] {
  const routes = PROVIDER_ROUTES[provider];
  if (!routes) throw new Error(`the emulator does not speak provider "${provider}" yet`);
  return typeof routes === 'function' ? routes(opts) : routes;
}

export type { EmulatedProvider } from './provider-routes.ts';

/** Starts a provider emulator speaking one provider's REST wire format (default OpenAI) on a real HTTP port. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const host = opts.host ?? '127.0.0.1';
  const state: EmulatorState = {
    log: new RequestLog(opts.logLimit),
    models: opts.models ?? DEFAULT_MODELS,
    random: opts.random ?? (opts.seed !== undefined ? seededRandom(opts.seed) : Math.random),
    apiKey: opts.apiKey ?? (opts.aws ? `${opts.aws.accessKeyId}:${opts.aws.secretAccessKey}` : opts.provider === 'vertex' && opts.gcpPublicKeyPem !== undefined ? DEFAULT_VERTEX_ACCESS_TOKEN : undefined),
    debug: opts.quiet !== true && Boolean(process.env.EMULATOR_DEBUG),
    findRoute: routeFinder(routesFor(opts.provider ?? 'openai', opts)),
    format: PROVIDER_FORMATS[opts.provider ?? 'openai'],
    defaults: { ...opts.defaults },
    scenario: undefined,
  };
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => void handleRequest(state, req, res));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    log: state.log,
    setDefaults(d: Directives): void {
      state.defaults = { ...d };
    },
    setScenario(s: Scenario): void {
      state.scenario = scenarioDirectives(s);
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
