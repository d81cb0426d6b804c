/**
 * The bytes around the content text of a token event the relay has inspected in full. Providers
 * send the token events of one stream with the same id, model and fields, so the next event is
 * usually the same bytes around another text. Such an event has the inspected event's JSON shape
 * (no error, no usage, a non-empty content text), which two comparisons show without searching it.
 * Works on an event's latin1 text (one character per byte), as the relay's framer gives it.
 */
export class ContentEventTemplate {
  private prefix: string | undefined;
  private suffix = '';

  /**
   * Takes `text[start, end)` as the template: an inspected event with no error or usage, whose
   * content text starts at `textStart`. Kept only when that text is plain (no escapes) and not empty.
   */
  learn(buf: Buffer, text: string, start: number, end: number, textStart: number): void {
    const textEnd = plainStringEnd(text, textStart, end);
    if (textEnd <= textStart) return;
    // Copies from the buffer, so the template does not keep the whole read's text alive.
    this.prefix = buf.toString('latin1', start, textStart);
    this.suffix = buf.toString('latin1', textEnd, end);
  }

  /** True when `text[start, end)` is the template's bytes around a non-empty plain text. */
  matches(text: string, start: number, end: number): boolean {
    const prefix = this.prefix;
    if (prefix === undefined) return false;
    const textStart = start + prefix.length;
    const textEnd = end - this.suffix.length;
    // Slice and compare: V8 compares flat one-byte strings with memcmp; `startsWith` at an offset
    // compares character by character, several times slower.
    return textEnd > textStart && text.slice(start, textStart) === prefix && text.slice(textEnd, end) === this.suffix
      && plainStringEnd(text, textStart, end) === textEnd;
  }
}

/**
 * The closing quote of the JSON string text starting at `from`, when the text has no escapes;
 * -1 when it has one (a backslash) or no quote comes before `to`.
 */
function plainStringEnd(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i;
    if (c === 0x5c) return -1;
  }
  return -1;
}
