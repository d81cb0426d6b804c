import type { IncomingMessage } from 'node:http';

/** A body that was read in full, or the marker that it exceeded the limit (its bytes were discarded). */
export type BodyReadResult = { kind: 'ok'; bytes: Buffer } | { kind: 'too_large' } | { kind: 'failed' };

/** Reads the whole request body, keeping at most `limit` bytes. */
export function readRequestBody(req: IncomingMessage, limit: number): Promise<BodyReadResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) resolve({ kind: 'too_large' });
      else resolve({ kind: 'ok', bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks) });
    });
    req.on('error', () => resolve({ kind: 'failed' }));
    req.on('close', () => {
      if (!req.complete) resolve({ kind: 'failed' });
    });
  });
}
