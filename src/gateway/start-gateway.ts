import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config/types.ts';
import type { AdminDeps } from '../admin/handle-admin.ts';
import { adminGuard } from '../admin/admin-auth.ts';
import type { DataPlaneDeps } from '../data-plane/data-plane-deps.ts';
import { LiveRequests } from '../data-plane/live-requests.ts';
import { toRequestRecord } from '../data-plane/request-context.ts';
import { INBOUND_CODECS } from '../inbound/inbound-codecs.ts';
import { KeyIndex } from '../keys/key-index.ts';
import type { Logger } from '../observability/logger.ts';
import type { PriceBook } from '../pricing/price-book.ts';
import { adapterFor } from '../providers/provider-registry.ts';
import { RecordWriter } from '../records/record-writer.ts';
import { RetentionSweeper, type RetentionOptions } from '../records/retention-sweeper.ts';
import type { Store } from '../store/store-types.ts';
import { ConfiguredTargets } from '../router/configured-targets.ts';
import { startHealthChecks } from '../router/health-checks.ts';
import { TargetHealth } from '../router/target-health.ts';
import { AuthFailureMonitor } from './auth-failure-monitor.ts';
import { createGatewayMetrics, observeRequest } from './gateway-metrics.ts';
import { createTargetProbe } from './probe-target.ts';
import { createAdminEntry, createHttpEntry } from './http-entry.ts';
import { metricsEndpoint } from './serve-metrics.ts';
import { buildRuntime, type Runtime } from './runtime.ts';

export interface GatewayOptions {
  config: Config;
  store: Store;
  log: Logger;
  /** Builds the price book for a config (catalog + the config's overrides). */
  priceBook: (config: Config) => PriceBook;
  masterKey?: string;
  /** Development only: admin API without authentication, loopback binds only. */
  insecureDevAdmin?: boolean;
  /** How often to look for key changes made by other processes. Default 1000 ms. */
  keyPollMs?: number;
  /** Retention sweep timing and clock (tests); the period itself is `server.records.retention_days`. */
  retention?: Omit<RetentionOptions, 'retentionDays'>;
}

export interface RunningGateway {
  url: string;
  adminUrl: string;
  runtime: () => Runtime;
  keys: KeyIndex;
  records: RecordWriter;
  /** Applies a new, already validated config to the running gateway. */
  applyConfig(config: Config): void;
  /**
   * Drains: readiness turns 503, listeners stop accepting, idle keep-alive connections close (and
   * busy ones once their response ends). Requests in flight get `graceMs` (default
   * `server.shutdown_grace_ms`); those still running are then ended with an error (in-band on
   * streams). Resolves once nothing is in flight and every record is written; pools are closed.
   */
  close(graceMs?: number): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** After the grace, how long requests ended by shutdown get to write their error to a client before their connections are cut. */
const CUT_FLUSH_MS = 5_000;

export async function startGateway(o: GatewayOptions): Promise<RunningGateway> {
  const { log, store } = o;
  const server = o.config.server;
  if (o.insecureDevAdmin && !o.masterKey) {
    const hosts = [server.host, server.admin.host ?? server.host];
    if (hosts.some((h) => !LOOPBACK.has(h))) throw new Error('--insecure-dev-admin is only allowed when the gateway binds to a loopback address (127.0.0.1, ::1, localhost)');
    log.warn('!!! INSECURE DEVELOPMENT MODE: the admin API has NO AUTHENTICATION. Never use --insecure-dev-admin in production. !!!');
  } else if (!o.masterKey) {
    log.warn('SWITCHYARD_MASTER_KEY is not set: the admin API is disabled (data plane still serves). Set it to manage keys over HTTP.');
  }

  if (server.metrics.auth === 'master_key' && !o.masterKey) log.warn('server.metrics.auth is master_key but SWITCHYARD_MASTER_KEY is not set: /metrics answers 503 until it is');

  const migration = await store.migrate();
  if (migration.applied.length) log.info('store migrated', { applied: migration.applied });
  const keys = new KeyIndex(store, log);
  await keys.load();
  keys.follow(o.keyPollMs ?? 1000);

  let runtime = buildRuntime(o.config, o.priceBook(o.config), adapterFor).runtime;
  const records = new RecordWriter(store.records, o.config.server.records, log);
  records.start();
  const retention = new RetentionSweeper(store.records, { retentionDays: o.config.server.records.retentionDays, ...o.retention }, log);
  retention.start();
  let inFlight = 0;
  let draining = false;
  const live = new LiveRequests();
  const health = new TargetHealth(o.config.routing.breaker);
  let configuredTargets = new ConfiguredTargets(Object.values(o.config.models));
  const metrics = createGatewayMetrics(records, () => inFlight, health, (key) => configuredTargets.concrete.has(key));
  const authFailures = new AuthFailureMonitor(metrics, log);
  const checks = startHealthChecks({
    health,
    config: () => runtime.config.routing.healthChecks,
    probe: createTargetProbe(() => runtime, () => runtime.config.routing.healthChecks.timeoutMs),
    log,
  });

  const dataPlane: DataPlaneDeps = {
    runtime: () => runtime,
    keys,
    health,
    records,
    live,
    log,
    codecs: INBOUND_CODECS,
    onFinish: (ctx) => {
      const end = ctx.endedAt ?? performance.now();
      records.append(toRequestRecord(ctx, end));
      observeRequest(metrics, ctx, end - ctx.t0);
    },
    onAuthFailure: (code) => authFailures.note(code),
  };
  const admin: AdminDeps = { store, keys, guard: adminGuard(o.masterKey, o.insecureDevAdmin ?? false), log, modelNames: () => [...runtime.models.keys()], health, models: () => runtime.models.values() };
  const separateAdmin = server.admin.port != null;
  const scrape = metricsEndpoint(metrics, server.metrics, o.masterKey);
  const metricsOnAdmin = separateAdmin && server.metrics.listener === 'admin';
  const entry = createHttpEntry({ dataPlane, admin: separateAdmin ? undefined : admin, metrics: metricsOnAdmin ? undefined : scrape, ready: () => !draining });
  const servers: Server[] = [];
  const closeIdle = () => {
    for (const s of servers) s.closeIdleConnections();
  };
  const onResponseClose = () => {
    inFlight--;
    if (draining) setImmediate(closeIdle);
  };
  const main = createServer({ maxHeaderSize: server.limits.maxHeaderBytes, keepAliveTimeout: 65_000, headersTimeout: 30_000 }, (req, res) => {
    inFlight++;
    if (draining) res.shouldKeepAlive = false;
    res.once('close', onResponseClose);
    entry(req, res);
  });
  servers.push(main);
  const url = await listen(main, server.port, server.host);
  let adminUrl = url;
  if (separateAdmin) {
    const adminEntry = createAdminEntry(admin, metricsOnAdmin ? scrape : undefined);
    const onAdminResponseClose = () => {
      if (draining) setImmediate(closeIdle);
    };
    const adminServer = createServer({ maxHeaderSize: server.limits.maxHeaderBytes }, (req, res) => {
      if (draining) res.shouldKeepAlive = false;
      res.once('close', onAdminResponseClose);
      adminEntry(req, res);
    });
    servers.push(adminServer);
    adminUrl = await listen(adminServer, server.admin.port!, server.admin.host ?? server.host);
  }
  log.info('switchyard listening', { url, admin_url: adminUrl, store: store.kind, models: runtime.models.size, providers: runtime.providers.size });

  return {
    url,
    adminUrl,
    runtime: () => runtime,
    keys,
    records,
    applyConfig(config: Config) {
      if (JSON.stringify(config.server) !== JSON.stringify(runtime.config.server)) {
        log.warn('server.* settings changed: they take effect after a restart; providers, models, routing and pricing apply now');
        config = { ...config, server: runtime.config.server };
      }
      const built = buildRuntime(config, o.priceBook(config), adapterFor, runtime);
      runtime = built.runtime;
      health.reconfigure(config.routing.breaker);
      configuredTargets = new ConfiguredTargets(Object.values(config.models));
      health.retain(configuredTargets.has);
      for (const ep of built.retired) void ep.pool.close().catch(() => {});
      log.info('configuration applied', { models: runtime.models.size, providers: runtime.providers.size });
    },
    async close(graceMs = runtime.config.server.shutdownGraceMs) {
      draining = true;
      keys.stop();
      checks.stop();
      const closing = servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve())));
      closeIdle();
      log.info('draining', { in_flight: inFlight, grace_ms: graceMs });
      let hardCut: NodeJS.Timeout | undefined;
      const cut = setTimeout(() => {
        const n = live.cutAll();
        if (n > 0 || inFlight > 0) log.warn('shutdown grace period over: ending the requests still in flight', { ended: n, in_flight: inFlight });
        hardCut = setTimeout(() => servers.forEach((s) => s.closeAllConnections()), CUT_FLUSH_MS);
      }, graceMs);
      await Promise.all(closing);
      clearTimeout(cut);
      clearTimeout(hardCut);
      await retention.stop();
      await records.close();
      await Promise.all([...runtime.providers.values()].map((p) => p.endpoint.pool.close().catch(() => {})));
      log.info('switchyard stopped', { records_written: records.getStats().written });
    },
  };
}

function listen(s: Server, port: number, host: string): Promise<string> {
  return new Promise((resolve, reject) => {
    s.once('error', reject);
    s.listen(port, host, () => {
      s.off('error', reject);
      const a = s.address() as AddressInfo;
      const h = a.family === 'IPv6' ? `[${a.address}]` : a.address;
      resolve(`http://${h}:${a.port}`);
    });
  });
}
