import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { defaultConfigResult, formatConfigErrors, loadConfigFile, resolveConfigPath, resolveListenPort, watchConfigFile } from '../../config/index.ts';
import type { Config } from '../../config/types.ts';
import { priceBookForConfig } from '../../gateway/price-book-for-config.ts';
import { startGateway, type RunningGateway } from '../../gateway/start-gateway.ts';
import { createLogger, type Logger } from '../../observability/logger.ts';
import type { Store } from '../../store/store-types.ts';
import { loadPriceCatalog } from '../../pricing/load-price-catalog.ts';
import { describeStoreLocation, openStore, storeLocationFromEnv } from '../../store/open-store.ts';
import { type CliContext, UsageError } from '../cli-context.ts';
import { HELP } from '../cli-help.ts';
import { keepServingOnRejection } from '../keep-serving-on-rejection.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { APP_ROOT, enterProductionMode } from '../production-mode.ts';
import { resolveMasterKey } from '../resolve-master-key.ts';

/** `switchyard start`: loads config, opens the store, serves until SIGINT/SIGTERM. */
export async function startCommand(argv: string[], cli: CliContext): Promise<number> {
  const { values } = parseCommandArgs('start', argv, {
    config: { type: 'string', short: 'c' },
    port: { type: 'string', short: 'p' },
    'insecure-dev-admin': { type: 'boolean' },
    production: { type: 'boolean' },
  });
  if (values.help) {
    cli.out(HELP.start);
    return 0;
  }
  const log = loggerFromEnv(cli.env);
  const path = resolveConfigPath(values.config, cli.env, cli.cwd);
  const filesRead: string[] = [];
  const readRecorded = (file: string): string => {
    filesRead.push(file);
    return readFileSync(file, 'utf8');
  };
  const loaded = path ? await loadConfigFile(path, cli.env, { readFile: readRecorded }) : defaultConfigResult(cli.env, { readFile: readRecorded });
  if (!loaded.ok) {
    const text = path ? await readFile(path, 'utf8').catch(() => undefined) : undefined;
    cli.err(formatConfigErrors(loaded.errors, text));
    cli.err(`\nNot started: fix ${path ?? 'the config'} and try again ("switchyard config check" validates without starting).`);
    return 1;
  }
  const master = resolveMasterKey(cli.env, cli.cwd);
  if (!master.ok) {
    cli.err(master.error);
    return 1;
  }
  if (values.production) {
    const plan = { appRoot: APP_ROOT, dataDir: resolve(cli.cwd, storeLocationFromEnv(cli.env).dataDir), configPath: path, cwd: cli.cwd, filesRead, masterKeyFile: cli.env.SWITCHYARD_MASTER_KEY_FILE || undefined };
    const refused = enterProductionMode(plan, process.argv[1] ?? '', ['start', ...argv], cli.env);
    if (refused !== undefined) {
      cli.err(`Not started: ${refused}`);
      return 1;
    }
    log.info('production mode: running under Node\'s permission model', { writable: plan.dataDir });
  }
  for (const w of loaded.warnings) log.warn(w);
  log.info(path ? `config loaded from ${path}` : 'no config file: using the built-in default config (see docs/configuration.md)');
  const port = resolveListenPort(loaded.config, values.port, cli.env);
  if (!port.ok) throw new UsageError(port.error);
  const host = cli.env.SWITCHYARD_HOST || loaded.config.server.host;
  const config: Config = { ...loaded.config, server: { ...loaded.config.server, host, port: port.port } };
  const masterKey = master.key;
  const catalog = await loadPriceCatalog();
  const loc = storeLocationFromEnv(cli.env);
  const where = describeStoreLocation(loc);
  let store: Store;
  try {
    store = openStore(loc);
  } catch (err) {
    log.error('store unavailable', { data_dir: where.dataDir, error: (err as Error).message });
    cli.err(`Not started: ${(err as Error).message}`);
    return 1;
  }
  log.info(where.exists ? `data directory ${where.dataDir}` : `data directory ${where.dataDir}: no store was there, created a new, empty one (no keys yet)`, { data_dir: where.dataDir, new_store: !where.exists });
  let gateway: RunningGateway;
  try {
    gateway = await startGateway({
      config, store, log, masterKey,
      insecureDevAdmin: values['insecure-dev-admin'] ?? false,
      priceBook: (c) => priceBookForConfig(catalog, c),
    });
  } catch (err) {
    await store.close();
    log.error('not started', { data_dir: where.dataDir, error: (err as Error).message });
    cli.err(`Not started: ${(err as Error).message}`);
    return 1;
  }
  const removeRejectionNet = keepServingOnRejection(process, log);
  const watcher = path
    ? watchConfigFile(path, cli.env, {
        onReload: (next, warnings) => {
          for (const w of warnings) log.warn(w);
          gateway.applyConfig({ ...next, server: { ...next.server, host, port: config.server.port } });
        },
        onRejected: (errors) => log.error(`config change in ${path} rejected; still running the previous config`, { errors: formatConfigErrors(errors) }),
      })
    : undefined;
  await waitForSignal(log);
  watcher?.close();
  await gateway.close();
  await store.close();
  removeRejectionNet();
  return 0;
}

function waitForSignal(log: Logger): Promise<void> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      log.info(`${signal} received: finishing in-flight requests (signal again to force)`);
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve();
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

export function loggerFromEnv(env: Record<string, string | undefined>): Logger {
  const level = env.SWITCHYARD_LOG_LEVEL;
  const format = env.SWITCHYARD_LOG_FORMAT;
  return createLogger({
    level: level === 'debug' || level === 'warn' || level === 'error' ? level : 'info',
    format: format === 'json' || format === 'pretty' ? format : process.stderr.isTTY ? 'pretty' : 'json',
  });
}
