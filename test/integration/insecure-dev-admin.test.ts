import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfigText } from '../../src/config/index.ts';
import type { Config } from '../../src/config/types.ts';
import { priceBookForConfig } from '../../src/gateway/price-book-for-config.ts';
import { startGateway } from '../../src/gateway/start-gateway.ts';
import { createLogger } from '../../src/observability/logger.ts';
import { loadPriceCatalog } from '../../src/pricing/load-price-catalog.ts';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.ts';

/** Starts a gateway with no master key and `--insecure-dev-admin`, capturing its log lines. */
async function startInsecure(t: { after: (fn: () => Promise<void> | void) => void }, host: string) {
  const parsed = parseConfigText(`server: { host: "${host}" }\nproviders: {}\nmodels: {}\n`, {}, 'test.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const config: Config = { ...parsed.config, server: { ...parsed.config.server, port: 0 } };
  const dir = mkdtempSync(join(tmpdir(), 'sy-dev-admin-'));
  const store = openSqliteStore(dir);
  await store.migrate();
  t.after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const lines: string[] = [];
  const catalog = await loadPriceCatalog();
  const log = createLogger({ write: (l) => lines.push(l) });
  const start = () => startGateway({ config, store, log, priceBook: (c) => priceBookForConfig(catalog, c), insecureDevAdmin: true });
  return { start, lines };
}

test('--insecure-dev-admin opens the admin API without a key, on loopback only, and says so loudly', async (t) => {
  const { start, lines } = await startInsecure(t, '127.0.0.1');
  const gateway = await start();
  t.after(() => gateway.close(100));
  assert.ok(lines.some((l) => /"level":"warn".*INSECURE DEVELOPMENT MODE.*NO AUTHENTICATION/.test(l)), 'a warning is logged at start');
  const res = await fetch(gateway.adminUrl + '/admin/v1/keys');
  assert.equal(res.status, 200, 'no credentials needed in development mode');
  const v1 = await fetch(gateway.url + '/v1/models');
  assert.equal(v1.status, 401, 'the data plane still requires a virtual key');
});

test('--insecure-dev-admin refuses to start when the gateway would listen beyond loopback', async (t) => {
  const { start } = await startInsecure(t, '0.0.0.0');
  await assert.rejects(start(), /only allowed when the gateway binds to a loopback address/);
});
