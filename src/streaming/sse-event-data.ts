import { SseParser } from './sse-parser.ts';

const DATA = Buffer.from('data:');

/**
 * Where the payload of a single-line `data:` event lies in `buf[start, end)`, or undefined when
 * the event has no data line or more than one (callers then use `eventDataText`).
 */
export function singleDataRange(buf: Buffer, start: number, end: number): { from: number; to: number } | undefined {
  const at = buf.indexOf(DATA, start);
  if (at !== start || at >= end) return undefined;
  let from = at + DATA.length;
  if (buf[from] === 0x20) from++;
  let to = end;
  while (to > from && (buf[to - 1] === 0x0a || buf[to - 1] === 0x0d)) to--;
  for (let i = from; i < to; i++) if (buf[i] === 0x0a || buf[i] === 0x0d) return undefined;
  return { from, to };
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
