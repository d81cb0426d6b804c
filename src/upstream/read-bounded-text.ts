/** Reads a response body, failing once it exceeds `maxBytes` (a runaway upstream cannot exhaust memory). */
export async function readBoundedBody(body: AsyncIterable<Buffer>, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of body) {
    size += c.length;
    if (size > maxBytes) throw new ResponseTooLargeError(maxBytes);
    chunks.push(c);
  }
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
}

/** `readBoundedBody` decoded as UTF-8. */
export async function readBoundedText(body: AsyncIterable<Buffer>, maxBytes: number): Promise<string> {
  return (await readBoundedBody(body, maxBytes)).toString('utf8');
}

export class ResponseTooLargeError extends Error {
  override name = 'ResponseTooLargeError';
  constructor(max: number) {
    super(`upstream response larger than ${max} bytes`);
  }
}
