import type { ConfigError } from './config-error.ts';
import { redactSourceLine } from './redact-source-line.ts';

/** One-line form, `file:line:col  path: message`, also used for warnings. */
export function formatConfigErrorLine(error: ConfigError): string {
  const place = [error.source, error.line, error.line === undefined ? undefined : error.column].filter((part) => part !== undefined).join(':');
  const what = error.path === '' ? error.message : `${error.path}: ${error.message}`;
  return place === '' ? what : `${place}  ${what}`;
}

function excerptFor(error: ConfigError, lines: string[] | undefined): string | undefined {
  if (error.line === undefined) return undefined;
  if (lines === undefined) return error.excerpt;
  const line = lines[error.line - 1];
  return line === undefined ? undefined : redactSourceLine(line);
}

/**
 * Renders errors for a terminal or log: a headline per error and, when the source line is
 * known (from `text` or the error's own excerpt), that line with a caret under the column.
 * Secret-looking values in the shown line are redacted.
 */
export function formatConfigErrors(errors: ConfigError[], text?: string): string {
  const lines = text?.split(/\r?\n/);
  return errors
    .map((error) => {
      const headline = formatConfigErrorLine(error);
      const excerpt = excerptFor(error, lines);
      if (excerpt === undefined || error.line === undefined) return headline;
      const gutter = String(error.line).padStart(5);
      const column = Math.max(1, error.column ?? 1);
      const indent = excerpt.slice(0, column - 1).replace(/[^\t]/g, ' ');
      return `${headline}\n${gutter} | ${excerpt}\n${' '.repeat(gutter.length)} | ${indent}^`;
    })
    .join('\n');
}
