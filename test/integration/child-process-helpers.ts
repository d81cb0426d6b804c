import { createServer } from 'node:net';

/** A loopback port that was free a moment ago, for a child process to listen on. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Polls `fn` until it returns a value (a rejection counts as not yet). The limit is generous on purpose:
 * a child process can take several seconds to start on a busy machine, and the limit only decides how
 * long a broken run takes to fail.
 */
export async function until<T>(fn: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
