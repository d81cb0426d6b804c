import { resolve } from 'node:path';
import type { ConfigError } from './config-error.ts';

/** Turns a read failure into an error that tells the operator what to do next. */
export function readFailure(path: string, error: unknown): ConfigError {
  const code = (error as NodeJS.ErrnoException).code;
  const where = resolve(path);
  const message =
    code === 'ENOENT'
      ? `config file not found: ${where} (pass --config <file>, set SWITCHYARD_CONFIG, or create ./switchyard.yaml; switchyard.example.yaml lists every option)`
      : code === 'EISDIR'
        ? `${where} is a directory; expected a YAML file`
        : code === 'EACCES' || code === 'EPERM'
          ? `permission denied reading ${where}`
          : `cannot read ${where}: ${code ?? (error as Error).message}`;
  return { path: '', message, source: path };
}
