import type { ConfigIssue, ConfigPath } from './config-error.ts';

/** Environment as passed in by the caller; the library never reads `process.env` itself. */
export type Env = Record<string, string | undefined>;

/** Outcome of interpolating one scalar: the value, or why it could not be produced. */
export type InterpolatedString = { ok: true; value: string; variables: string[] } | { ok: false; message: string };

const REFERENCE = /^([A-Za-z_][A-Za-z0-9_]*)(?::-([^]*))?$/;

/**
 * Expands `${NAME}` and `${NAME:-default}` (default used when NAME is unset or empty, as in
 * POSIX shells); `$${` yields a literal `${`. Messages name variables, never their values.
 */
export function interpolateString(text: string, env: Env): InterpolatedString {
  if (!text.includes('${')) return { ok: true, value: text, variables: [] };
  let value = '';
  const variables: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('$${', i)) {
      value += '${';
      i += 3;
      continue;
    }
    if (!text.startsWith('${', i)) {
      value += text[i];
      i += 1;
      continue;
    }
    const end = text.indexOf('}', i + 2);
    if (end < 0) return { ok: false, message: 'unterminated "${" (write "$${" for a literal "${")' };
    const match = REFERENCE.exec(text.slice(i + 2, end));
    if (match === null) {
      return { ok: false, message: 'invalid variable reference: expected ${NAME} or ${NAME:-default} (write "$${" for a literal "${")' };
    }
    const [, name, fallback] = match;
    if (fallback?.includes('${')) return { ok: false, message: 'nested variable references are not supported in a default' };
    const current = env[name];
    variables.push(name);
    if (fallback !== undefined) value += current === undefined || current === '' ? fallback : current;
    else if (current === undefined) return { ok: false, message: `environment variable ${name} is not set (write \${${name}:-} to allow it to be empty)` };
    else value += current;
    i = end + 1;
  }
  return { ok: true, value, variables };
}

/** The interpolated tree plus what a later step needs: errors and which variables fed each path. */
export interface InterpolatedTree {
  value: unknown;
  issues: ConfigIssue[];
  /** Keyed by `JSON.stringify(path)`; lets warnings say which variable left a value empty. */
  variablesByPath: Map<string, string[]>;
}

/**
 * Interpolates every string scalar of an already-parsed YAML tree. Working after parsing
 * means a variable's value is always one scalar: a secret containing `: ` or `\n- ` cannot
 * change the document's structure. Mapping keys are not interpolated.
 */
export function interpolateTree(root: unknown, env: Env): InterpolatedTree {
  const issues: ConfigIssue[] = [];
  const variablesByPath = new Map<string, string[]>();
  const visit = (node: unknown, path: ConfigPath): unknown => {
    if (typeof node === 'string') {
      const result = interpolateString(node, env);
      if (!result.ok) {
        issues.push({ path, message: result.message });
        return node;
      }
      if (result.variables.length > 0) variablesByPath.set(JSON.stringify(path), result.variables);
      return result.value;
    }
    if (Array.isArray(node)) return node.map((item, index) => visit(item, [...path, index]));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, item]) => [key, visit(item, [...path, key])]));
    }
    return node;
  };
  return { value: visit(root, []), issues, variablesByPath };
}
