import { EventStreamError } from './event-stream-error.ts';
import { HEADER_TYPE_CODES as T, type EventStreamHeaderValue } from './event-stream-types.ts';

/**
 * Parses a message's header block: repeated (name length u8, UTF-8 name, type u8, typed value),
 * all integers big-endian. Throws `EventStreamError` (bad_header) on a truncated, repeated or
 * unknown entry.
 */
export function decodeEventStreamHeaders(bytes: Buffer): Record<string, EventStreamHeaderValue> {
  const out: Record<string, EventStreamHeaderValue> = {};
  let at = 0;
  /** Reserves `n` bytes and returns where they start. */
  const take = (n: number, what: string): number => {
    if (at + n > bytes.length) throw new EventStreamError('bad_header', `header block ends inside ${what}`);
    at += n;
    return at - n;
  };
  while (at < bytes.length) {
    const nameLength = bytes[take(1, 'a header name length')];
    if (nameLength === 0) throw new EventStreamError('bad_header', 'header with an empty name');
    const nameAt = take(nameLength, 'a header name');
    const name = bytes.toString('utf8', nameAt, nameAt + nameLength);
    const type = bytes[take(1, `the type of header "${name}"`)];
    const value = readValue(type, `the value of header "${name}"`, name);
    if (Object.hasOwn(out, name)) throw new EventStreamError('bad_header', `header "${name}" appears twice`);
    // A plain assignment to `__proto__` would replace the object's prototype instead of adding a header.
    if (name === '__proto__') Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
    else out[name] = value;
  }
  return out;

  function readValue(type: number, what: string, name: string): EventStreamHeaderValue {
    switch (type) {
      case T.boolTrue:
        return { type: 'boolean', value: true };
      case T.boolFalse:
        return { type: 'boolean', value: false };
      case T.byte:
        return { type: 'byte', value: bytes.readInt8(take(1, what)) };
      case T.short:
        return { type: 'short', value: bytes.readInt16BE(take(2, what)) };
      case T.integer:
        return { type: 'integer', value: bytes.readInt32BE(take(4, what)) };
      case T.long:
        return { type: 'long', value: bytes.readBigInt64BE(take(8, what)) };
      case T.timestamp:
        return { type: 'timestamp', value: bytes.readBigInt64BE(take(8, what)) };
      case T.binary:
      case T.string: {
        const length = bytes.readUInt16BE(take(2, what));
        const start = take(length, what);
        return type === T.string
          ? { type: 'string', value: bytes.toString('utf8', start, start + length) }
          : { type: 'binary', value: Buffer.from(bytes.subarray(start, start + length)) };
      }
      case T.uuid: {
        const start = take(16, what);
        const hex = bytes.toString('hex', start, start + 16);
        return { type: 'uuid', value: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` };
      }
      default:
        throw new EventStreamError('bad_header', `header "${name}" has unknown value type ${type}`);
    }
  }
}
