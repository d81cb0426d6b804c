import type { ConfigPath } from './config-error.ts';

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Renders a path the way an operator reads the file: `models.fast.targets[1].provider`.
 * Keys that would be ambiguous after a dot (`gpt-4.1`, `a/b`) are bracket-quoted.
 */
export function formatConfigPath(path: ConfigPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}
