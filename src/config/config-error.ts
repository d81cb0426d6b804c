import type { Config } from './types.ts';

/**
 * One problem found in a config file, located so an operator can jump to it.
 * `path` uses the file's own spelling (snake_case, `[i]` for list items) because that is
 * what the operator edits; `line`/`column` are 1-based and absent when the problem has no
 * place in the text (a missing file, the built-in defaults).
 */
export interface ConfigError {
  /** e.g. `models.fast.targets[1].provider`; empty for whole-file problems such as YAML syntax. */
  path: string;
  /** Never contains a secret value (api keys, header values). */
  message: string;
  line?: number;
  column?: number;
  /** File name as given to the loader, for `file:line:col` rendering. */
  source?: string;
  /**
   * The offending source line, secrets already redacted. Kept on the error so callers that
   * only hold the result (e.g. `loadConfigFile` callers) can still render a caret excerpt.
   */
  excerpt?: string;
}

/** Either a fully validated config (with non-fatal warnings to log) or every error found. */
export type ConfigResult = { ok: true; config: Config; warnings: string[] } | { ok: false; errors: ConfigError[] };

/** A path into the parsed YAML tree: map keys as strings, list indexes as numbers. */
export type ConfigPath = ReadonlyArray<string | number>;

/**
 * A problem before it is located in the text. `atKey` asks the locator to point at the
 * mapping key rather than its value (unknown or malformed keys).
 */
export interface ConfigIssue {
  path: ConfigPath;
  message: string;
  atKey?: boolean;
}
