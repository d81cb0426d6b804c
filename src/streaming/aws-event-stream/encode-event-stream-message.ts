import { crc32 } from './crc32.ts';
import { FRAME_OVERHEAD_BYTES, HEADER_TYPE_CODES as T, type EventStreamHeaderValue } from './event-stream-types.ts';

/** A header to encode; plain strings are `string` headers, the common case (`:event-type` and friends). */
export type EncodableHeader = string | EventStreamHeaderValue;

/**
 * Frames one message: prelude (total length, headers length, CRC32 of those 8 bytes), headers,
 * payload, CRC32 of everything before it. Used by the Bedrock emulator and by tests.
 */
export function encodeEventStreamMessage(headers: Record<string, EncodableHeader>, payload: Uint8Array | string): Buffer {
  const headerBytes = encodeHeaders(headers);
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const total = FRAME_OVERHEAD_BYTES + headerBytes.length + body.length;
  const out = Buffer.allocUnsafe(total);
  out.writeUInt32BE(total, 0);
  out.writeUInt32BE(headerBytes.length, 4);
  out.writeUInt32BE(crc32(out.subarray(0, 8)), 8);
  headerBytes.copy(out, 12);
  out.set(body, 12 + headerBytes.length);
  out.writeUInt32BE(crc32(out.subarray(0, total - 4)), total - 4);
  return out;
}

function encodeHeaders(headers: Record<string, EncodableHeader>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, raw] of Object.entries(headers)) {
    const h: EventStreamHeaderValue = typeof raw === 'string' ? { type: 'string', value: raw } : raw;
    const nameBytes = Buffer.from(name, 'utf8');
    if (nameBytes.length === 0 || nameBytes.length > 255) throw new RangeError(`header name "${name}" must be 1-255 bytes`);
    parts.push(Buffer.from([nameBytes.length]), nameBytes, encodeValue(h, name));
  }
  return Buffer.concat(parts);
}

function encodeValue(h: EventStreamHeaderValue, name: string): Buffer {
  switch (h.type) {
    case 'boolean':
      return Buffer.from([h.value ? T.boolTrue : T.boolFalse]);
    case 'byte': {
      const b = Buffer.alloc(2);
      b[0] = T.byte;
      b.writeInt8(h.value, 1);
      return b;
    }
    case 'short': {
      const b = Buffer.alloc(3);
      b[0] = T.short;
      b.writeInt16BE(h.value, 1);
      return b;
    }
    case 'integer': {
      const b = Buffer.alloc(5);
      b[0] = T.integer;
      b.writeInt32BE(h.value, 1);
      return b;
    }
    case 'long':
    case 'timestamp': {
      const b = Buffer.alloc(9);
      b[0] = h.type === 'long' ? T.long : T.timestamp;
      b.writeBigInt64BE(h.value, 1);
      return b;
    }
    case 'binary':
    case 'string': {
      const value = h.type === 'string' ? Buffer.from(h.value, 'utf8') : h.value;
      if (value.length > 0xffff) throw new RangeError(`header "${name}" value is longer than 65535 bytes`);
      const b = Buffer.alloc(3);
      b[0] = h.type === 'string' ? T.string : T.binary;
      b.writeUInt16BE(value.length, 1);
      return Buffer.concat([b, value]);
    }
    case 'uuid': {
      const hex = h.value.replaceAll('-', '');
      if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new RangeError(`header "${name}" is not a UUID`);
      return Buffer.concat([Buffer.from([T.uuid]), Buffer.from(hex, 'hex')]);
    }
  }
}
