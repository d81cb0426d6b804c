import type { Readable } from 'node:stream';
import { collectBounded } from '../server/collect-bounded.ts';

/**
 * Reads a response body, failing once it exceeds `maxBytes` (a runaway upstream cannot exhaust memory).
 * With the response's `content-length`, it is complete as soon as that many bytes are in.
 */
export function readBoundedBody(body: Readable, maxBytes: number, contentLength?: string | string[]): Promise<Buffer> {
  const declared = typeof contentLength === 'string' ? Number(contentLength) : NaN;
  const expectedBytes = Number.isSafeInteger(declared) && declared > 0 ? declared : undefined;
  return collectBounded(body, { maxBytes, tooLarge: () => new ResponseTooLargeError(maxBytes), destroyWhenTooLarge: true, expectedBytes });
}

/** `readBoundedBody` decoded as UTF-8. */
export async function readBoundedText(body: Readable, maxBytes: number): Promise<string> {
  return (await readBoundedBody(body, maxBytes)).toString('utf8');
}

export class ResponseTooLargeError extends Error {
  override name = 'ResponseTooLargeError';
  constructor(max: number) {
    super(`upstream response larger than ${max} bytes`);
  }
}
