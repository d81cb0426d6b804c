import { randomFillSync } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const SAFE_CLIENT_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Random bytes drawn from one pooled buffer, refilled 4 KiB at a time (one syscall per 409 ids): 2 seed the counter, 8 are `rand_b`. */
const pool = Buffer.alloc(4096);
let poolAt = pool.length;
let lastMs = 0;
let counter = 0;
let prefixMs = -1;
let prefix = '';

/**
 * A new request id: a UUIDv7 (RFC 9562), time-ordered so the records table and its indexes grow
 * at their right edge instead of at random pages. Within one millisecond a 12-bit counter (started
 * at a random value below 2048) keeps ids from this process strictly increasing; when it runs out
 * the timestamp field moves ahead by a millisecond, as RFC 9562 §6.2 allows.
 */
export function newRequestId(now = Date.now()): string {
  if (poolAt + 10 > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  if (now > lastMs) {
    lastMs = now;
    counter = pool.readUInt16BE(poolAt) & 0x7ff;
  } else if (++counter > 0xfff) {
    lastMs++;
    counter = pool.readUInt16BE(poolAt) & 0x7ff;
  }
  if (lastMs !== prefixMs) {
    const ms = hex48(lastMs);
    prefix = `${ms.slice(0, 8)}-${ms.slice(8)}-7`;
    prefixMs = lastMs;
  }
  const r = poolAt + 2;
  poolAt += 10;
  pool[r] = (pool[r] & 0x3f) | 0x80; // the variant bits
  const rand = pool.toString('hex', r, r + 8);
  return `${prefix}${(0x1000 | counter).toString(16).slice(1)}-${rand.slice(0, 4)}-${rand.slice(4)}`;
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Twelve hex digits of a 48-bit millisecond time, by table: `toString(16)` on a non-small integer divides digit by digit in floating point. */
function hex48(ms: number): string {
  const hi = Math.floor(ms / 0x1000000);
  const lo = ms - hi * 0x1000000;
  return HEX_BYTE[hi >>> 16] + HEX_BYTE[(hi >>> 8) & 0xff] + HEX_BYTE[hi & 0xff] + HEX_BYTE[lo >>> 16] + HEX_BYTE[(lo >>> 8) & 0xff] + HEX_BYTE[lo & 0xff];
}

/**
 * The caller's own id for a request, for correlation: `x-client-request-id` (the header OpenAI's API
 * takes for this) or, failing that, `x-request-id`. Kept only when it is 1–128 characters of
 * `A-Z a-z 0-9 . _ : -`, so it is safe in headers, logs and queries. It is never the record's id:
 * a caller reusing an id must not be able to overwrite or hide another request's record.
 */
export function clientRequestId(req: IncomingMessage): string | null {
  for (const name of ['x-client-request-id', 'x-request-id']) {
    const v = req.headers[name];
    if (typeof v === 'string' && SAFE_CLIENT_ID.test(v)) return v;
  }
  return null;
}
