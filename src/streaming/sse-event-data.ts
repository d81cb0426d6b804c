import { SseParser } from './sse-parser.ts';

/**
 * The payload of a single-line `data:` event in `buf[start, end)` as a latin1 string: one character
 * per byte, so ASCII searches and byte offsets hold and decoding costs one copy. Undefined when the
 * event does not start with a `data:` line or has more than one line (callers then use
 * `eventDataText`). Non-ASCII text must be decoded as UTF-8 before it is shown or parsed.
 */
export function singleDataLatin1(buf: Buffer, start: number, end: number): string | undefined {
  if (end - start < 5 || buf[start] !== 0x64 || buf[start + 1] !== 0x61 || buf[start + 2] !== 0x74 || buf[start + 3] !== 0x61 || buf[start + 4] !== 0x3a) return undefined;
  let from = start + 5;
  if (buf[from] === 0x20) from++;
  let to = end;
  while (to > from && (buf[to - 1] === 0x0a || buf[to - 1] === 0x0d)) to--;
  const text = buf.toString('latin1', from, to);
  return text.includes('\n') || text.includes('\r') ? undefined : text;
}

/** The event's data as the SSE rules define it (all `data:` lines joined), or undefined when it has none. */
export function eventDataText(buf: Buffer, start: number, end: number): string | undefined {
  let data: string | undefined;
  const p = new SseParser((e) => {
    data = e.data;
  });
  p.push(buf.subarray(start, end));
  p.push('\n\n');
  return data;
}
