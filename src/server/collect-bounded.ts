import type { Readable } from 'node:stream';

export interface CollectLimits {
  maxBytes: number;
  /** The error for a body past `maxBytes`. */
  tooLarge: () => Error;
  /** The whole body must arrive within `ms`, else the promise rejects with `error()`. */
  deadline?: { ms: number; error: () => Error };
  /**
   * The declared length (`content-length`), when there is one: the body is complete once that many
   * bytes are in, without waiting for the stream's `end` a tick later. A stream error after that is
   * ignored (the body is already whole).
   */
  expectedBytes?: number;
}

/**
 * Collects a readable's bytes with plain `data`/`end` listeners (cheaper than an async iterator on the
 * hot path), bounded in size and optionally in time. Rejects with the stream's own error, or when it
 * closes before its end; every listener and the timer are removed however it ends.
 */
export function collectBounded(stream: Readable, limits: CollectLimits): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (stream.destroyed) {
      reject(stream.errored ?? prematureClose());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (err: Error) => {
      cleanup();
      reject(err);
    };
    const timer = limits.deadline && setTimeout(() => fail(limits.deadline!.error()), limits.deadline.ms);
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= limits.maxBytes) {
        chunks.push(c);
        if (size === limits.expectedBytes) {
          onEnd();
          stream.on('error', ignore);
        }
        return;
      }
      fail(limits.tooLarge()); // the stream stays open: a client request is still owed its 413
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onClose = () => fail(stream.errored ?? prematureClose());
    const cleanup = () => {
      clearTimeout(timer);
      stream.off('data', onData).off('end', onEnd).off('error', fail).off('close', onClose);
    };
    stream.on('data', onData).on('end', onEnd).on('error', fail).on('close', onClose);
  });
}

function ignore(): void {}

/** A body that closed before its end, as Node's stream helpers name it. */
export function prematureClose(): Error {
  return Object.assign(new Error('body closed before its end'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}
