import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request as httpRequest } from 'node:http';
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

/** A GET with exactly these headers (fetch would set Host itself). */
function getWith(base: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(base + path, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('--insecure-dev-admin answers only loopback Host and Origin values (DNS-rebinding defence)', async (t) => {
  const { start } = await startInsecure(t, '127.0.0.1');
  const gateway = await start();
  t.after(() => gateway.close(100));
  const port = new URL(gateway.adminUrl).port;
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost', `[::1]:${port}`]) {
    assert.equal((await getWith(gateway.adminUrl, '/admin/v1/keys', { host })).status, 200, host);
  }
  assert.equal((await getWith(gateway.adminUrl, '/admin/v1/keys', { host: `127.0.0.1:${port}`, origin: `http://localhost:${port}` })).status, 200);
  for (const host of [`rebind.attacker.example:${port}`, `localhost.attacker.example:${port}`, `127.0.0.1.nip.io:${port}`]) {
    const res = await getWith(gateway.adminUrl, '/admin/v1/keys', { host });
    assert.equal(res.status, 403, host);
    const error = (JSON.parse(res.body) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'non_loopback_host');
    assert.match(error.message, /localhost, 127\.0\.0\.1 or \[::1\].*DNS-rebinding/);
  }
  for (const origin of ['http://attacker.example', 'null', `http://localhost.attacker.example:${port}`]) {
    const res = await getWith(gateway.adminUrl, '/admin/v1/keys', { host: `127.0.0.1:${port}`, origin });
    assert.equal(res.status, 403, origin);
    assert.equal((JSON.parse(res.body) as { error: { code: string } }).error.code, 'non_loopback_origin');
  }
});
