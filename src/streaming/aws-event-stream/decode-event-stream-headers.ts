import { EventStreamError } from './event-stream-error.ts';
import { HEADER_TYPE_CODES as T, type EventStreamHeaderValue } from './event-stream-types.ts';

/**
 * Parses a message's header block: repeated (name length u8, UTF-8 name, type u8, typed value),
 * all integers big-endian. Throws `EventStreamError` (bad_header) on a truncated or unknown entry.
 */
export function decodeEventStreamHeaders(bytes: Buffer): Record<string, EventStreamHeaderValue> {
  const out: Record<string, EventStreamHeaderValue> = {};
  let at = 0;
  const need = (n: number, what: string): void => {
    if (at + n > bytes.length) throw new EventStreamError('bad_header', `header block ends inside ${what}`);
  };
  while (at < bytes.length) {
    const nameLength = bytes[at++];
    if (nameLength === 0) throw new EventStreamError('bad_header', 'header with an empty name');
    need(nameLength, 'a header name');
    const name = bytes.toString('utf8', at, at + nameLength);
    at += nameLength;
    need(1, `the type of header "${name}"`);
    const type = bytes[at++];
    const value = readValue(type, name);
    if (Object.hasOwn(out, name)) throw new EventStreamError('bad_header', `header "${name}" appears twice`);
    out[name] = value;
  }
  return out;

  function readValue(type: number, name: string): EventStreamHeaderValue {
    const what = `the value of header "${name}"`;
    switch (type) {
      case T.boolTrue:
        return { type: 'boolean', value: true };
      case T.boolFalse:
        return { type: 'boolean', value: false };
      case T.byte:
        need(1, what);
        return { type: 'byte', value: bytes.readInt8((at += 1) - 1) };
      case T.short:
        need(2, what);
        return { type: 'short', value: bytes.readInt16BE((at += 2) - 2) };
      case T.integer:
        need(4, what);
        return { type: 'integer', value: bytes.readInt32BE((at += 4) - 4) };
      case T.long:
        need(8, what);
        return { type: 'long', value: bytes.readBigInt64BE((at += 8) - 8) };
      case T.timestamp:
        need(8, what);
        return { type: 'timestamp', value: bytes.readBigInt64BE((at += 8) - 8) };
      case T.binary:
      case T.string: {
        need(2, what);
        const length = bytes.readUInt16BE(at);
        at += 2;
        need(length, what);
        const start = at;
        at += length;
        return type === T.string
          ? { type: 'string', value: bytes.toString('utf8', start, at) }
          : { type: 'binary', value: Buffer.from(bytes.subarray(start, at)) };
      }
      case T.uuid: {
        need(16, what);
        const hex = bytes.toString('hex', at, at + 16);
        at += 16;
        return { type: 'uuid', value: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` };
      }
      default:
        throw new EventStreamError('bad_header', `header "${name}" has unknown value type ${type}`);
    }
  }
}
