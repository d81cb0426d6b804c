import { readFile } from 'node:fs/promises';
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
import { parseCommandArgs } from '../parse-command-args.ts';

const MIN_MASTER_KEY_LENGTH = 16;

/** `switchyard start`: loads config, opens the store, serves until SIGINT/SIGTERM. */
export async function startCommand(argv: string[], cli: CliContext): Promise<number> {
  const { values } = parseCommandArgs('start', argv, {
    config: { type: 'string', short: 'c' },
    port: { type: 'string', short: 'p' },
    'insecure-dev-admin': { type: 'boolean' },
  });
  if (values.help) {
    cli.out(HELP.start);
    return 0;
  }
  const log = loggerFromEnv(cli.env);
  const path = resolveConfigPath(values.config, cli.env, cli.cwd);
  const loaded = path ? await loadConfigFile(path, cli.env) : defaultConfigResult(cli.env);
  if (!loaded.ok) {
    const text = path ? await readFile(path, 'utf8').catch(() => undefined) : undefined;
    cli.err(formatConfigErrors(loaded.errors, text));
    cli.err(`\nNot started: fix ${path ?? 'the config'} and try again ("switchyard config check" validates without starting).`);
    return 1;
  }
  for (const w of loaded.warnings) log.warn(w);
  log.info(path ? `config loaded from ${path}` : 'no config file: using the built-in default config (see docs/configuration.md)');
  const port = resolveListenPort(loaded.config, values.port, cli.env);
  if (!port.ok) throw new UsageError(port.error);
  const config: Config = { ...loaded.config, server: { ...loaded.config.server, port: port.port } };

  const masterKey = cli.env.SWITCHYARD_MASTER_KEY || undefined;
  if (masterKey && masterKey.length < MIN_MASTER_KEY_LENGTH) {
    cli.err(`SWITCHYARD_MASTER_KEY is too short (${masterKey.length} characters); use at least ${MIN_MASTER_KEY_LENGTH}, e.g. the output of: openssl rand -base64 32`);
    return 1;
  }
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
  const watcher = path
    ? watchConfigFile(path, cli.env, {
        onReload: (next, warnings) => {
          for (const w of warnings) log.warn(w);
          gateway.applyConfig({ ...next, server: { ...next.server, port: config.server.port } });
        },
        onRejected: (errors) => log.error(`config change in ${path} rejected; still running the previous config`, { errors: formatConfigErrors(errors) }),
      })
    : undefined;
  await waitForSignal(log);
  watcher?.close();
  await gateway.close();
  await store.close();
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
