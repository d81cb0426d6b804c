import type { RequestContext } from './request-context.ts';

/**
 * Destroys the client connection on purpose (`cut_after` mid-stream, `reset` before any response) and
 * records the outcome `cut`. Waits one turn first so frames already written reach the socket.
 */
export async function cutConnection(ctx: RequestContext): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (ctx.entry.outcome !== 'pending') return;
  ctx.entry.outcome = 'cut';
  ctx.entry.finishedAt = Date.now();
  ctx.log.changed(ctx.entry);
  ctx.res.socket?.destroy();
  ctx.res.destroy();
}
