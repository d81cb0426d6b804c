import { resolve } from 'node:path';
import type { ConfigIssue, ConfigPath } from './config-error.ts';
import { readSecretFile } from './read-secret-file.ts';
import type { ConfigFileReader } from './resolve-service-accounts.ts';

/** Environment as passed in by the caller; the library never reads `process.env` itself. */
export type Env = Record<string, string | undefined>;

/** Outcome of interpolating one scalar: the value, or why it could not be produced. */
export type InterpolatedString = { ok: true; value: string; variables: string[] } | { ok: false; message: string };

const REFERENCE = /^([A-Za-z_][A-Za-z0-9_]*)(?::-([^]*))?$/;
const FILE_PREFIX = 'FILE:';

/** `NAME_FILE` names a file holding NAME's value (the Docker secrets convention); both set is ambiguous. */
function fromFileVariable(name: string, env: Env, files: ConfigFileReader | undefined): InterpolatedString | undefined {
  const path = env[`${name}_FILE`];
  if (path === undefined || path === '') return undefined;
  if (env[name] !== undefined && env[name] !== '') return { ok: false, message: `both ${name} and ${name}_FILE are set; set only one` };
  if (files === undefined) return { ok: false, message: `${name}_FILE cannot be read here (no file access)` };
  const secret = readSecretFile(resolve(path), files.readFile);
  return secret.ok ? { ok: true, value: secret.value, variables: [name] } : { ok: false, message: `${secret.problem} (from ${name}_FILE)` };
}

/** `${FILE:path}`: a relative path resolves against the config file's directory. */
function fromFileReference(path: string, files: ConfigFileReader | undefined): InterpolatedString {
  if (path.trim() === '') return { ok: false, message: '${FILE:} needs a path, e.g. ${FILE:/run/secrets/openai_api_key}' };
  if (files === undefined) return { ok: false, message: '${FILE:...} cannot be read here (no file access)' };
  const secret = readSecretFile(resolve(files.baseDir, path), files.readFile);
  return secret.ok ? { ok: true, value: secret.value, variables: [] } : { ok: false, message: secret.problem };
}

/**
 * Expands `${NAME}` and `${NAME:-default}` (default used when NAME is unset or empty, as in
 * POSIX shells), `${FILE:path}` (a secret file's content, one trailing newline dropped), and
 * `$${` (a literal `${`). When NAME is unset or empty and `NAME_FILE` is set, NAME's value is
 * read from that file. Messages name variables and files, never their values or content.
 */
export function interpolateString(text: string, env: Env, files?: ConfigFileReader): InterpolatedString {
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
    const inner = text.slice(i + 2, end);
    if (inner.startsWith(FILE_PREFIX) && !inner.startsWith('-', FILE_PREFIX.length)) {
      const secret = fromFileReference(inner.slice(FILE_PREFIX.length), files);
      if (!secret.ok) return secret;
      value += secret.value;
      i = end + 1;
      continue;
    }
    const match = REFERENCE.exec(inner);
    if (match === null) {
      return { ok: false, message: 'invalid variable reference: expected ${NAME}, ${NAME:-default} or ${FILE:path} (write "$${" for a literal "${")' };
    }
    const [, name, fallback] = match;
    if (fallback?.includes('${')) return { ok: false, message: 'nested variable references are not supported in a default' };
    const fromFile = fromFileVariable(name, env, files);
    if (fromFile !== undefined && !fromFile.ok) return fromFile;
    const current = fromFile?.value ?? env[name];
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
 * change the document's structure. Mapping keys are not interpolated. `files` reads
 * `${FILE:path}` and `NAME_FILE` secrets; without it they are errors.
 */
export function interpolateTree(root: unknown, env: Env, files?: ConfigFileReader): InterpolatedTree {
  const issues: ConfigIssue[] = [];
  const variablesByPath = new Map<string, string[]>();
  const visit = (node: unknown, path: ConfigPath): unknown => {
    if (typeof node === 'string') {
      const result = interpolateString(node, env, files);
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
