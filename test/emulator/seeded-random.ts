/**
 * A deterministic RNG in [0, 1) (mulberry32), so `fail_rate` flapping repeats exactly from run to run
 * and each emulator instance of a routing test can flap on its own fixed sequence.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
