const WORDS: readonly string[] = [
  'Switchyard', 'emulated', 'reply', 'with', 'plain', 'deterministic', 'words', 'so',
  'tests', 'can', 'count', 'every', 'token', 'and', 'chunk', 'exactly',
];

/**
 * The i-th completion token: a fixed cycle of 16 words, the first without a leading
 * space and every later one as `" word"`, so token i is the same in every response.
 */
export function tokenAt(i: number): string {
  const word = WORDS[i % WORDS.length];
  return i === 0 ? word : ` ${word}`;
}

/** The first `count` completion tokens. */
export function generateTokens(count: number): string[] {
  const tokens = new Array<string>(count);
  for (let i = 0; i < count; i++) tokens[i] = tokenAt(i);
  return tokens;
}

/** A word of the cycle, used where a sample value needs a stable string. */
export function wordAt(i: number): string {
  return WORDS[i % WORDS.length];
}

/** Whitespace-separated words: the emulator's prompt-token unit. */
export function countWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space = c === 32 || (c >= 9 && c <= 13) || c === 160;
    if (space) inWord = false;
    else if (!inWord) {
      inWord = true;
      words++;
    }
  }
  return words;
}

/**
 * Splits `text` into `parts` contiguous pieces of near-equal length (fewer when the
 * text is shorter), used to stream JSON content and tool-call arguments.
 */
export function splitEvenly(text: string, parts: number): string[] {
  const n = Math.min(Math.max(0, Math.floor(parts)), text.length);
  if (n === 0) return [];
  const size = Math.floor(text.length / n);
  const extra = text.length % n;
  const pieces = new Array<string>(n);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const len = size + (i < extra ? 1 : 0);
    pieces[i] = text.slice(at, at + len);
    at += len;
  }
  return pieces;
}
