import { crc32 as zlibCrc32 } from 'node:zlib';

/**
 * CRC-32 (IEEE 802.3, the gzip polynomial) that AWS event streams use for both checksums.
 * node:zlib has it natively since Node 22.2, below this project's minimum.
 */
export function crc32(bytes: Uint8Array, previous?: number): number {
  return zlibCrc32(bytes, previous) >>> 0;
}
