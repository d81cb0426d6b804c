import type { Readable } from 'node:stream';

/**
 * Reads a response body, failing once it exceeds `maxBytes` (a runaway upstream cannot exhaust memory).
 * Plain `data`/`end` listeners rather than an async iterator: this runs for every non-streaming
 * answer, and the iterator's promise per chunk and end-of-stream tracking cost more than the read.
 */
export function readBoundedBody(body: Readable, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (body.destroyed) {
      reject(body.errored ?? prematureClose());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        cleanup();
        body.destroy();
        reject(new ResponseTooLargeError(maxBytes));
        return;
      }
      chunks.push(c);
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const onClose = () => {
      cleanup();
      reject(body.errored ?? prematureClose());
    };
    const cleanup = () => {
      body.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    };
    body.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/** `readBoundedBody` decoded as UTF-8. */
export async function readBoundedText(body: Readable, maxBytes: number): Promise<string> {
  return (await readBoundedBody(body, maxBytes)).toString('utf8');
}

/** A body that closed before its end, as Node's stream helpers name it. */
function prematureClose(): Error {
  return Object.assign(new Error('upstream body closed before its end'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}

export class ResponseTooLargeError extends Error {
  override name = 'ResponseTooLargeError';
  constructor(max: number) {
    super(`upstream response larger than ${max} bytes`);
  }
}
