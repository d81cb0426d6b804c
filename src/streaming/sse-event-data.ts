import { SseParser } from './sse-parser.ts';

/**
 * The payload of a single-line `data:` event in `text[start, end)`, where `text` is the read as
 * latin1 (one character per byte, so ASCII searches and byte offsets hold; the result is a slice,
 * not a copy). Undefined when the event does not start with a `data:` line or has more than one
 * line (callers then use `eventDataText`). `lfOnly`: the text holds no CR, so only LF can end a line.
 * Non-ASCII text must be decoded as UTF-8 before it is shown or parsed.
 */
export function singleDataLatin1(text: string, start: number, end: number, lfOnly: boolean): string | undefined {
  if (end - start < 5 || text.charCodeAt(start) !== 0x64 || text.charCodeAt(start + 1) !== 0x61 || text.charCodeAt(start + 2) !== 0x74
    || text.charCodeAt(start + 3) !== 0x61 || text.charCodeAt(start + 4) !== 0x3a) return undefined;
  let from = start + 5;
  if (text.charCodeAt(from) === 0x20) from++;
  let to = end;
  while (to > from && (text.charCodeAt(to - 1) === 0x0a || text.charCodeAt(to - 1) === 0x0d)) to--;
  // The first line end after `from` is at `to` or beyond for a one-line event (the event ends in a blank line, so one exists).
  const lf = text.indexOf('\n', from);
  if (lf !== -1 && lf < to) return undefined;
  if (!lfOnly) {
    const cr = text.indexOf('\r', from);
    if (cr !== -1 && cr < to) return undefined;
  }
  return text.slice(from, to);
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
