import type { ServerResponse } from 'node:http';

/** Resolves when the response can take more data again, or when the client has gone. */
export function waitForDrain(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}
