/**
 * A unit-length vector derived only from `key` (FNV-1a seed into mulberry32), with every
 * component rounded to float32 so the float and base64 encodings carry identical values.
 */
export function embeddingVector(key: string, dimensions: number): number[] {
  let seed = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    seed ^= key.charCodeAt(i);
    seed = Math.imul(seed, 0x01000193);
  }
  const raw = new Array<number>(dimensions);
  let norm = 0;
  for (let i = 0; i < dimensions; i++) {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    const value = ((t ^ (t >>> 14)) >>> 0) / 4294967296 * 2 - 1;
    raw[i] = value;
    norm += value * value;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < dimensions; i++) raw[i] = Math.fround(raw[i] * scale);
  return raw;
}

/** OpenAI's `encoding_format: 'base64'`: the vector as little-endian float32 bytes, base64-encoded. */
export function encodeBase64Float32(vector: readonly number[]): string {
  const bytes = Buffer.allocUnsafe(vector.length * 4);
  for (let i = 0; i < vector.length; i++) bytes.writeFloatLE(vector[i], i * 4);
  return bytes.toString('base64');
}
