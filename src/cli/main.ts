import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type CliContext, UsageError } from './cli-context.ts';
import { HELP } from './cli-help.ts';
import { configCommand } from './commands/config-check-command.ts';
import { demoCommand } from './commands/demo-command.ts';
import { keysCommand } from './commands/keys-command.ts';
import { migrateCommand } from './commands/migrate-command.ts';
import { startCommand } from './commands/start-command.ts';

const COMMANDS: Record<string, (argv: string[], cli: CliContext) => Promise<number>> = {
  start: startCommand,
  keys: keysCommand,
  migrate: migrateCommand,
  config: configCommand,
  demo: demoCommand,
};

/** Runs one CLI invocation and returns its exit code (0 ok, 1 failure, 2 usage error). */
export async function runCli(argv: string[], cli: CliContext): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    cli.out(HELP.main);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    cli.out(`switchyard ${pkg.version}`);
    return 0;
  }
  const run = COMMANDS[command];
  if (!run) {
    cli.err(`unknown command "${command}"\n\n${HELP.main}`);
    return 2;
  }
  try {
    return await run(rest, cli);
  } catch (err) {
    if (err instanceof UsageError) {
      cli.err(`error: ${err.message}`);
      return 2;
    }
    cli.err(`error: ${(err as Error).message}`);
    return 1;
  }
}

if (realpathSync(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const code = await runCli(process.argv.slice(2), {
    env: process.env,
    cwd: process.cwd(),
    out: (l) => process.stdout.write(l + '\n'),
    err: (l) => process.stderr.write(l + '\n'),
  });
  process.exitCode = code;
}
