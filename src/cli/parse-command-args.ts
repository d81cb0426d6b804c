import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-context.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `node:util` parseArgs with errors turned into usage errors naming the command's help. */
export function parseCommandArgs<O extends Options>(command: string, argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError(`${(err as Error).message.replace(/\. To specify a positional.*$/s, '')}\nRun "switchyard ${command} --help" for usage.`);
  }
}
