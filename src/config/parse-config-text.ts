import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, visit, type Document } from 'yaml';
import { buildConfig } from './build-config.ts';
import { collectConfigWarnings } from './collect-config-warnings.ts';
import type { ConfigError, ConfigIssue, ConfigResult } from './config-error.ts';
import { configFileSchema } from './config-schema.ts';
import { crossCheckConfig } from './cross-check-config.ts';
import { formatConfigErrorLine } from './format-config-errors.ts';
import { formatConfigPath } from './format-config-path.ts';
import { interpolateTree } from './interpolate-env.ts';
import { locateOffset, locatePath } from './locate-in-yaml.ts';
import { mapSchemaIssues } from './map-schema-issues.ts';
import { resolveServiceAccounts } from './resolve-service-accounts.ts';
import type { ConfigFileReader } from './resolve-service-accounts.ts';

export type { ConfigError, ConfigResult } from './config-error.ts';

const MAX_ALIAS_COUNT = 100;

/** Options for files the config names (`gcp_service_account_file`, `${FILE:path}`, `NAME_FILE`). */
export interface ParseConfigOptions {
  /**
   * Relative key-file paths resolve against this. `loadConfigFile` and `watchConfigFile` pass
   * the config file's directory; the default is the working directory.
   */
  baseDir?: string;
  /**
   * Reads a file the config names. The default reads synchronously: a config is parsed at
   * startup and on reload, never on the request path, and the parse stays one synchronous call
   * for every caller. Tests inject a map instead of touching the disk.
   */
  readFile?: (path: string) => string;
}

function fileReader(options: ParseConfigOptions): ConfigFileReader {
  return { baseDir: options.baseDir ?? process.cwd(), readFile: options.readFile ?? ((path) => readFileSync(path, 'utf8')) };
}

function byPosition(a: ConfigError, b: ConfigError): number {
  return (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0);
}

/**
 * Where `toJS` failed: it fails only on aliases (one whose anchor is not set before it, or too many
 * of them), and its error carries no position, so point at the first unresolved alias, else the first alias.
 */
function aliasOffset(doc: Document): number {
  let first: number | undefined;
  let unresolved: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      const at = node.range?.[0] ?? 0;
      first ??= at;
      if (node.resolve(doc) === undefined) {
        unresolved = at;
        return visit.BREAK;
      }
    },
  });
  return unresolved ?? first ?? 0;
}

/**
 * Parses, interpolates, validates and normalizes config text. `env` supplies `${VAR}`
 * values (pass `process.env` from the CLI; tests pass literals). `source` names the file in
 * errors. Every error found is returned, each located in the text where possible.
 */
export function parseConfigText(text: string, env: Record<string, string | undefined>, source?: string, options: ParseConfigOptions = {}): ConfigResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const withSource = (error: ConfigError): ConfigError => (source === undefined ? error : { ...error, source });
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((error) =>
      withSource({ path: '', message: `YAML syntax error: ${error.message}`, ...locateOffset(text, lineCounter, error.pos[0]) }),
    );
    return { ok: false, errors };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const at = aliasOffset(doc);
    return { ok: false, errors: [withSource({ path: '', message: `cannot read YAML: ${(error as Error).message}`, ...locateOffset(text, lineCounter, at) })] };
  }
  const locate = (issue: ConfigIssue): ConfigError =>
    withSource({ path: formatConfigPath(issue.path), message: issue.message, ...locatePath(doc, lineCounter, text, issue.path, issue.atKey) });

  const files = fileReader(options);
  const tree = interpolateTree(raw ?? {}, env, files);
  const failedPaths = new Set(tree.issues.map((issue) => JSON.stringify(issue.path)));
  const parsed = configFileSchema.safeParse(tree.value);
  const serviceAccounts = parsed.success ? resolveServiceAccounts(parsed.data, files) : { accounts: new Map(), issues: [] };
  const later = parsed.success ? [...crossCheckConfig(parsed.data), ...serviceAccounts.issues] : mapSchemaIssues(parsed.error.issues, configFileSchema);
  const issues = [...tree.issues, ...later.filter((issue) => !failedPaths.has(JSON.stringify(issue.path)))];
  if (issues.length > 0 || !parsed.success) return { ok: false, errors: issues.map(locate).sort(byPosition) };

  const warnings = [
    ...doc.warnings.map((warning) => formatConfigErrorLine(withSource({ path: '', message: warning.message, ...locateOffset(text, lineCounter, warning.pos[0]) }))),
    ...collectConfigWarnings(parsed.data, tree.variablesByPath).map((issue) => formatConfigErrorLine(locate(issue))),
  ];
  return { ok: true, config: buildConfig(parsed.data, serviceAccounts.accounts), warnings };
}
