/* global process */
// Preloaded (`--expose-gc --import bench/gc-on-signal.mjs`) into a process `bench/memory.ts` measures:
// SIGUSR2 runs a full garbage collection, so an allocation count can start and end on a collection.
process.on('SIGUSR2', () => globalThis.gc());
