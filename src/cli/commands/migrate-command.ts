import { describeStoreLocation, openStore, storeLocationFromEnv } from '../../store/open-store.ts';
import type { CliContext } from '../cli-context.ts';
import { HELP } from '../cli-help.ts';
import { parseCommandArgs } from '../parse-command-args.ts';

export async function migrateCommand(argv: string[], cli: CliContext): Promise<number> {
  const { values } = parseCommandArgs('migrate', argv, {});
  if (values.help) {
    cli.out(HELP.migrate);
    return 0;
  }
  const loc = storeLocationFromEnv(cli.env);
  const store = openStore(loc);
  try {
    const r = await store.migrate();
    cli.out(r.applied.length ? `Applied ${r.applied.length} migration(s): ${r.applied.join(', ')}` : `Store is up to date (${r.current}).`);
    cli.out(`Store: ${store.kind} in ${describeStoreLocation(loc).dataDir}`);
    return 0;
  } finally {
    await store.close();
  }
}
