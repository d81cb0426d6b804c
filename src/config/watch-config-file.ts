import { createHash } from 'node:crypto';
import { watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import type { ConfigError } from './config-error.ts';
import { parseConfigText } from './parse-config-text.ts';
import { readFailure } from './read-failure.ts';
import type { Config } from './types.ts';

/** Stops a config watch; pending checks are dropped. */
export interface ConfigWatcher {
  close(): void;
}

/** Callbacks for a watched file. Only content that parses and validates reaches `onReload`. */
export interface ConfigWatchHandlers {
  onReload(config: Config, warnings: string[]): void;
  /** The new content was invalid (or unreadable); the caller keeps running on its current config. */
  onRejected(errors: ConfigError[]): void;
}

export interface ConfigWatchOptions {
  /** Quiet period after the last filesystem event before the file is read. Default 200 ms. */
  debounceMs?: number;
}

const DEFAULT_DEBOUNCE_MS = 200;

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Watches the file's directory rather than the file: editors save by writing a temp file and
 * renaming it over the original, and Kubernetes ConfigMaps swap a symlinked directory, both
 * of which end a watch on the file itself. Any event in the directory schedules one debounced
 * read; unchanged content (by hash) is ignored, so noisy directories cost one small read.
 * An empty file is rejected rather than reloaded as "all defaults": it is almost always a
 * write caught half-way, and reloading it would drop every provider and model.
 */
export function watchConfigFile(
  path: string,
  env: Record<string, string | undefined>,
  handlers: ConfigWatchHandlers,
  options: ConfigWatchOptions = {},
): ConfigWatcher {
  const file = resolve(path);
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let lastHash: string | undefined;
  const ready = readFile(file, 'utf8').then(
    (text) => {
      lastHash = hash(text);
    },
    () => undefined,
  );
  let queue: Promise<void> = ready;

  const check = async (): Promise<void> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (closed || lastHash === 'unreadable') return;
      lastHash = 'unreadable';
      handlers.onRejected([readFailure(path, error)]);
      return;
    }
    const contentHash = hash(text);
    if (closed || contentHash === lastHash) return;
    lastHash = contentHash;
    if (text.trim() === '') {
      handlers.onRejected([{ path: '', source: path, message: 'config file is empty (a partial write?); keeping the current config' }]);
      return;
    }
    const result = parseConfigText(text, env, path, { baseDir: dirname(file) });
    if (closed) return;
    if (result.ok) handlers.onReload(result.config, result.warnings);
    else handlers.onRejected(result.errors);
  };

  const schedule = (): void => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      queue = queue.then(check);
    }, debounceMs);
  };

  const watcher = watch(dirname(file), { persistent: false }, schedule);
  watcher.on('error', (error) => {
    if (closed) return;
    handlers.onRejected([{ path: '', source: path, message: `stopped watching ${dirname(file)} for changes to ${basename(file)}: ${error.message}` }]);
  });

  return {
    close(): void {
      closed = true;
      clearTimeout(timer);
      watcher.close();
    },
  };
}
