import type { Config } from './types.ts';

/** The data-plane port to bind, or why the override is unusable. */
export type ListenPortResult = { ok: true; port: number; from: '--port' | 'PORT' | 'server.port' } | { ok: false; error: string };

function parsePort(value: string): number | undefined {
  if (!/^[0-9]{1,5}$/.test(value.trim())) return undefined;
  const port = Number(value);
  return port >= 1 && port <= 65535 ? port : undefined;
}

/**
 * Applies the documented precedence `--port` > `PORT` env > `server.port`. Platforms
 * (Heroku, Cloud Run) inject `PORT`, so it must beat the file but not an explicit flag.
 */
export function resolveListenPort(config: Config, flag: string | undefined, env: Record<string, string | undefined>): ListenPortResult {
  if (flag !== undefined) {
    const port = parsePort(flag);
    return port === undefined ? { ok: false, error: '--port must be an integer between 1 and 65535' } : { ok: true, port, from: '--port' };
  }
  const fromEnv = env.PORT;
  if (fromEnv !== undefined && fromEnv !== '') {
    const port = parsePort(fromEnv);
    return port === undefined ? { ok: false, error: 'PORT must be an integer between 1 and 65535' } : { ok: true, port, from: 'PORT' };
  }
  return { ok: true, port: config.server.port, from: 'server.port' };
}
