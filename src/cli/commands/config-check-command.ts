import { readFile } from 'node:fs/promises';
import { formatConfigErrors, loadConfigFile, resolveConfigPath } from '../../config/index.ts';
import { type CliContext, UsageError } from '../cli-context.ts';
import { HELP } from '../cli-help.ts';
import { parseCommandArgs } from '../parse-command-args.ts';

/** `switchyard config check`: validates a config file and prints errors with file, line and path. */
export async function configCommand(argv: string[], cli: CliContext): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h') {
    cli.out(HELP.config);
    return 0;
  }
  if (sub !== 'check') throw new UsageError(`unknown config subcommand "${sub ?? ''}"\n${HELP.config}`);
  const { values } = parseCommandArgs('config check', rest, { config: { type: 'string', short: 'c' } });
  if (values.help) {
    cli.out(HELP['config check']);
    return 0;
  }
  const path = resolveConfigPath(values.config, cli.env, cli.cwd);
  if (!path) {
    cli.err('No config file to check: pass --config FILE, set SWITCHYARD_CONFIG, or create ./switchyard.yaml (see switchyard.example.yaml).');
    return 1;
  }
  const result = await loadConfigFile(path, cli.env);
  if (!result.ok) {
    const text = await readFile(path, 'utf8').catch(() => undefined);
    cli.err(formatConfigErrors(result.errors, text));
    cli.err(`\n${path}: ${result.errors.length} error(s)`);
    return 1;
  }
  for (const w of result.warnings) cli.err(`warning: ${w}`);
  const c = result.config;
  cli.out(`${path}: OK (${Object.keys(c.providers).length} provider(s), ${Object.keys(c.models).length} model(s))`);
  return 0;
}
