import type { z } from 'zod';
import { allowedKeysAt } from './allowed-keys-at.ts';
import type { ConfigIssue, ConfigPath } from './config-error.ts';
import { nearestName } from './nearest-name.ts';

type ZodIssue = z.core.$ZodIssue;

function toPath(path: PropertyKey[]): ConfigPath {
  return path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
}

function unknownKeyMessage(key: string, allowed: string[]): string {
  const suggestion = nearestName(key, allowed);
  const hint = suggestion === undefined ? '' : `did you mean "${suggestion}"? `;
  return `unknown key "${key}" (${hint}allowed: ${allowed.join(', ')})`;
}

function plainMessage(issue: ZodIssue): string {
  if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) return 'required';
  return issue.message.replace(/^Invalid input: /, '');
}

/**
 * A union reports every branch's failures. The branch whose root type matched the input is
 * the one the operator meant (a string shorthand vs. a mapping), so only its issues are kept.
 */
function chosenBranch(branches: ZodIssue[][]): ZodIssue[] | undefined {
  const matching = branches.filter((issues) => !issues.some((issue) => issue.code === 'invalid_type' && issue.path.length === 0));
  return matching.length === 1 ? matching[0] : undefined;
}

/** Turns zod issues into located-ready config issues with operator-facing messages. */
export function mapSchemaIssues(issues: ZodIssue[], schema: z.core.$ZodType, prefix: ConfigPath = []): ConfigIssue[] {
  return issues.flatMap((issue): ConfigIssue[] => {
    const path = [...prefix, ...toPath(issue.path)];
    switch (issue.code) {
      case 'unrecognized_keys': {
        const allowed = allowedKeysAt(schema, path);
        return issue.keys.map((key) => ({ path: [...path, key], atKey: true, message: unknownKeyMessage(key, allowed) }));
      }
      case 'invalid_union': {
        const branch = chosenBranch(issue.errors);
        return branch === undefined ? [{ path, message: issue.message }] : mapSchemaIssues(branch, schema, path);
      }
      case 'invalid_key':
        return [{ path, atKey: true, message: issue.issues.map((inner) => inner.message).join('; ') }];
      default:
        return [{ path, message: plainMessage(issue) }];
    }
  });
}
