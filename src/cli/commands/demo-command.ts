import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfigText } from '../../config/index.ts';
import { priceBookForConfig } from '../../gateway/price-book-for-config.ts';
import { startGateway, type RunningGateway } from '../../gateway/start-gateway.ts';
import { createVirtualKey } from '../../keys/create-virtual-key.ts';
import { createLogger } from '../../observability/logger.ts';
import { loadPriceCatalog } from '../../pricing/load-price-catalog.ts';
import { openSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { startEmulator } from '../../../test/emulator/server.ts';
import { type CliContext, UsageError } from '../cli-context.ts';
import { HELP } from '../cli-help.ts';
import { parseCommandArgs } from '../parse-command-args.ts';
import { demoRequests, type DemoRequest } from './demo-requests.ts';

/** `switchyard demo`: the whole path end to end with no API keys, against the provider emulator. */
export async function demoCommand(argv: string[], cli: CliContext): Promise<number> {
  const { values } = parseCommandArgs('demo', argv, { port: { type: 'string', short: 'p' }, requests: { type: 'string' }, exit: { type: 'boolean' } });
  if (values.help) {
    cli.out(HELP.demo);
    return 0;
  }
  const port = Number(values.port ?? cli.env.PORT ?? 4000);
  const count = Number(values.requests ?? 6);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be an integer between 0 and 65535');
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw new UsageError('--requests must be an integer between 1 and 1000');

  const dir = mkdtempSync(join(tmpdir(), 'switchyard-demo-'));
  cli.out('Starting the provider emulator (plays the OpenAI API locally)…');
  const emulator = await startEmulator({ apiKey: 'emulator-upstream-key', quiet: true });
  const parsed = parseConfigText(demoConfigYaml(emulator.url), {}, 'demo config');
  if (!parsed.ok) throw new Error(`demo config invalid: ${parsed.errors.map((e) => e.message).join('; ')}`);
  const catalog = await loadPriceCatalog();
  const store = openSqliteStore(dir);
  const log = createLogger({ level: 'error', format: 'pretty' });
  let gateway: RunningGateway | undefined;
  try {
    for (const p of [port, 0]) {
      try {
        gateway = await startGateway({ config: { ...parsed.config, server: { ...parsed.config.server, port: p } }, store, log, priceBook: (c) => priceBookForConfig(catalog, c), insecureDevAdmin: false });
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== 'EADDRINUSE' || p === 0) throw err;
        cli.out(`Port ${p} is busy; using a free port instead.`);
      }
    }
    const gw = gateway!;
    const { record, secret } = await createVirtualKey(store, { name: 'demo' });
    gw.keys.upsert(record);
    cli.out(`Gateway listening on ${gw.url} (store: ${dir})`);
    cli.out(`Created virtual key ${record.id}: ${secret}\n`);

    const rows: string[][] = [];
    for (const r of demoRequests(count)) rows.push(await send(gw.url, secret, r));
    printTable(cli, ['REQUEST', 'STATUS', 'PROVIDER', 'UPSTREAM MODEL', 'COST USD', 'RESULT'], rows);

    await gw.records.flush();
    const recs = await store.records.list({ limit: 1000 });
    cli.out(`\n${recs.length} request records written to the store (async, batched).`);
    cli.out(`\nTry it yourself:\n  curl -s ${gw.url}/v1/chat/completions -H "Authorization: Bearer ${secret}" \\\n    -H "Content-Type: application/json" -d '{"model":"demo-chat","messages":[{"role":"user","content":"Hello"}]}'`);
    if (!values.exit) {
      cli.out('\nRunning until Ctrl-C…');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
    }
    return 0;
  } finally {
    await gateway?.close(1000);
    await store.close();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function send(base: string, secret: string, r: DemoRequest): Promise<string[]> {
  const res = await fetch(base + r.path, {
    method: r.body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: r.body ? JSON.stringify(r.body) : undefined,
  });
  const text = await res.text();
  const streamed = res.headers.get('content-type')?.startsWith('text/event-stream');
  const cost = res.headers.get('x-switchyard-cost-usd') ?? (streamed ? 'in trailer' : '-');
  return [r.label, String(res.status), res.headers.get('x-switchyard-provider') ?? '-', res.headers.get('x-switchyard-model') ?? '-', cost, r.summarize(res.status, text)];
}

function printTable(cli: CliContext, head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [head, ...rows]) cli.out(r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
}

function demoConfigYaml(emulatorUrl: string): string {
  return `
providers:
  emulator:
    type: openai
    base_url: ${emulatorUrl}/v1
    api_key: emulator-upstream-key
models:
  demo-chat: emulator/gpt-4o-mini
  demo-embed: emulator/text-embedding-3-small
`;
}
