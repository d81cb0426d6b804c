import { createVirtualKey, KeyInputError, publicKeyView } from '../../keys/create-virtual-key.ts';
import { parseDuration } from '../../keys/parse-duration.ts';
import { describeStoreLocation, openStore, storeLocationFromEnv } from '../../store/open-store.ts';
import type { Store } from '../../store/store-types.ts';
import { type CliContext, UsageError } from '../cli-context.ts';
import { HELP } from '../cli-help.ts';
import { parseCommandArgs } from '../parse-command-args.ts';

/** `switchyard keys create|list|revoke`: works directly on the store. */
export async function keysCommand(argv: string[], cli: CliContext): Promise<number> {
  const [sub, ...rest] = argv;
  if (!sub || sub === '--help' || sub === '-h') {
    cli.out(HELP.keys);
    return sub ? 0 : 2;
  }
  if (!['create', 'list', 'revoke'].includes(sub)) throw new UsageError(`unknown keys subcommand "${sub}"\n${HELP.keys}`);
  if (rest.includes('--help') || rest.includes('-h')) {
    cli.out(HELP[`keys ${sub}`]);
    return 0;
  }
  return withStore(cli, async (store) => {
    if (sub === 'create') return createKey(rest, store, cli);
    if (sub === 'list') return listKeys(rest, store, cli);
    return revokeKey(rest, store, cli);
  });
}

/**
 * Opens the store and says which one, on stderr (stdout stays parseable with --json): a key made in a
 * new, empty store the gateway never reads is the classic newcomer mistake.
 */
async function withStore(cli: CliContext, fn: (store: Store) => Promise<number>): Promise<number> {
  const loc = storeLocationFromEnv(cli.env);
  const where = describeStoreLocation(loc);
  const store = openStore(loc);
  if (where.exists) cli.err(`Data directory: ${where.dataDir}`);
  else {
    cli.err(`Data directory: ${where.dataDir} (no store was there: created a new, empty one)`);
    cli.err(`  The gateway reads keys from the data directory it starts with (SWITCHYARD_DATA_DIR, default ./.switchyard where it starts); set SWITCHYARD_DATA_DIR if you meant another.`);
  }
  try {
    await store.migrate();
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function createKey(argv: string[], store: Store, cli: CliContext): Promise<number> {
  const { values } = parseCommandArgs('keys create', argv, {
    name: { type: 'string', short: 'n' },
    models: { type: 'string', short: 'm' },
    expires: { type: 'string', short: 'e' },
    role: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!values.name) throw new UsageError('keys create needs --name NAME\nRun "switchyard keys create --help" for usage.');
  if (values.role && values.role !== 'user' && values.role !== 'admin') throw new UsageError('--role must be "user" or "admin"');
  let expiresAt: number | null = null;
  try {
    if (values.expires) expiresAt = Date.now() + parseDuration(values.expires);
    const models = values.models ? values.models.split(',') : null;
    const { record, secret } = await createVirtualKey(store, { name: values.name, models, expiresAt, role: (values.role as 'user' | 'admin') ?? 'user' });
    if (values.json) {
      cli.out(JSON.stringify({ ...publicKeyView(record), key: secret }, null, 2));
    } else {
      cli.out(`Created key ${record.id} (${record.name})`);
      cli.out(`  models:  ${record.models ? record.models.join(', ') : 'all'}`);
      cli.out(`  expires: ${record.expiresAt ? new Date(record.expiresAt).toISOString() : 'never'}`);
      cli.out(`  role:    ${record.role}`);
      cli.out('');
      cli.out(`  ${secret}`);
      cli.out('');
      cli.out('Store this secret now: it is shown only once (only its hash is kept).');
    }
    return 0;
  } catch (err) {
    if (err instanceof KeyInputError || (err as Error).message.startsWith('invalid duration')) throw new UsageError((err as Error).message);
    throw err;
  }
}

async function listKeys(argv: string[], store: Store, cli: CliContext): Promise<number> {
  const { values } = parseCommandArgs('keys list', argv, { json: { type: 'boolean' } });
  const keys = (await store.keys.list()).map((k) => publicKeyView(k));
  if (values.json) {
    cli.out(JSON.stringify(keys, null, 2));
    return 0;
  }
  if (keys.length === 0) {
    cli.out('No keys yet. Create one with: switchyard keys create --name my-app');
    return 0;
  }
  const rows = keys.map((k) => [k.id, k.name, k.prefix + '…', k.role, k.models ? k.models.join(',') : 'all', k.status, k.expires_at ?? 'never']);
  cli.out(table(['ID', 'NAME', 'PREFIX', 'ROLE', 'MODELS', 'STATUS', 'EXPIRES'], rows));
  return 0;
}

async function revokeKey(argv: string[], store: Store, cli: CliContext): Promise<number> {
  const { positionals } = parseCommandArgs('keys revoke', argv, {}, true);
  if (positionals.length !== 1) throw new UsageError('keys revoke needs exactly one key id\nRun "switchyard keys list" to see ids.');
  const k = await store.keys.revoke(positionals[0], Date.now());
  if (!k) {
    cli.err(`No key with id ${positionals[0]}. Run "switchyard keys list" to see ids.`);
    return 1;
  }
  cli.out(`Revoked key ${k.id} (${k.name}) at ${new Date(k.revokedAt!).toISOString()}`);
  return 0;
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [head, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}
