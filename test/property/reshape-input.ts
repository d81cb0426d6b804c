/**
 * Ways the property tests reshape a valid input into the odd ones a network or a client produces.
 */

/** The bytes cut at arbitrary offsets (inside CRLF and UTF-8 sequences too), as a stream may deliver them. */
export function splitAt(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const p of points) {
    chunks.push(bytes.subarray(from, p));
    from = p;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

/** A copy of `base` with `value` placed at the depth `path` leads to (each step picks an entry by index, modulo). */
export function mutate(base: unknown, path: number[], value: unknown): unknown {
  if (path.length === 0 || base === null || typeof base !== 'object') return value;
  const entries = Object.entries(base as Record<string, unknown>);
  if (entries.length === 0) return value;
  const [key, child] = entries[path[0] % entries.length];
  const copy: Record<string, unknown> | unknown[] = Array.isArray(base) ? [...base] : { ...(base as Record<string, unknown>) };
  (copy as Record<string, unknown>)[key] = mutate(child, path.slice(1), value);
  return copy;
}
