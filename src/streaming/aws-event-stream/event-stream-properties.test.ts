import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { propertyParams } from '../../../test/property/property-settings.ts';
import { encodeEventStreamMessage } from './encode-event-stream-message.ts';
import { EventStreamDecoder } from './event-stream-decoder.ts';
import { EventStreamError } from './event-stream-error.ts';
import type { EventStreamHeaderValue, EventStreamMessage } from './event-stream-types.ts';
import { splitAt } from '../../../test/property/reshape-input.ts';

const headerValue: fc.Arbitrary<EventStreamHeaderValue> = fc.oneof(
  fc.boolean().map((value) => ({ type: 'boolean' as const, value })),
  fc.integer({ min: -128, max: 127 }).map((value) => ({ type: 'byte' as const, value })),
  fc.integer({ min: -32768, max: 32767 }).map((value) => ({ type: 'short' as const, value })),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((value) => ({ type: 'integer' as const, value })),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((value) => ({ type: 'long' as const, value })),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((value) => ({ type: 'timestamp' as const, value })),
  fc.uint8Array({ maxLength: 40 }).map((b) => ({ type: 'binary' as const, value: Buffer.from(b) })),
  fc.string({ unit: 'grapheme', maxLength: 20 }).map((value) => ({ type: 'string' as const, value })),
  fc.uuid().map((value) => ({ type: 'uuid' as const, value: value.toLowerCase() })),
);

/** Header names of 1-255 UTF-8 bytes, including the names of Object.prototype's own properties. */
const headerName = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
  fc.constantFrom(':event-type', ':message-type', ':content-type', '__proto__', 'constructor', 'toString', 'hasOwnProperty'),
).filter((n) => Buffer.byteLength(n) <= 255);

const message = fc.record({
  headers: fc.uniqueArray(fc.tuple(headerName, headerValue), { selector: ([n]) => n, maxLength: 6 }),
  payload: fc.uint8Array({ maxLength: 300 }),
});
type Generated = { headers: [string, EventStreamHeaderValue][]; payload: Uint8Array };

function encode(m: Generated): Buffer {
  const headers: Record<string, EventStreamHeaderValue> = {};
  for (const [name, value] of m.headers) Object.defineProperty(headers, name, { value, enumerable: true });
  return encodeEventStreamMessage(headers, m.payload);
}

function decode(chunks: Buffer[]): EventStreamMessage[] {
  const d = new EventStreamDecoder();
  const out: EventStreamMessage[] = [];
  for (const c of chunks) out.push(...d.push(c));
  d.end();
  return out;
}

const asPlain = (m: EventStreamMessage) => ({ headers: Object.entries(m.headers), payload: Buffer.from(m.payload) });
const cuts = fc.array(fc.nat(), { maxLength: 12 });

describe('EventStreamDecoder properties', () => {
  it('encode → decode round-trips any messages, split into chunks at any byte boundary', () => {
    fc.assert(fc.property(fc.array(message, { maxLength: 5 }), cuts, (messages, at) => {
      const bytes = Buffer.concat(messages.map(encode));
      const got = decode(splitAt(bytes, at)).map(asPlain);
      assert.deepEqual(got, messages.map((m) => ({ headers: m.headers, payload: Buffer.from(m.payload) })));
    }), propertyParams());
  });

  it('changing any one byte of a valid stream is always detected as an EventStreamError', () => {
    fc.assert(fc.property(fc.array(message, { minLength: 1, maxLength: 3 }), fc.nat(), fc.integer({ min: 1, max: 255 }), cuts, (messages, pos, xor, at) => {
      const bytes = Buffer.concat(messages.map(encode));
      bytes[pos % bytes.length] ^= xor;
      assert.throws(() => decode(splitAt(bytes, at)), EventStreamError);
    }), propertyParams());
  });

  it('cutting a valid stream short is reported as truncated, never as complete', () => {
    fc.assert(fc.property(fc.array(message, { minLength: 1, maxLength: 3 }), fc.nat(), (messages, cut) => {
      const bytes = Buffer.concat(messages.map(encode));
      const lengths = messages.map((m) => encode(m).length);
      const boundaries = new Set(lengths.map((_, i) => lengths.slice(0, i + 1).reduce((a, b) => a + b, 0)));
      const end = cut % bytes.length;
      fc.pre(!boundaries.has(end) && end !== 0);
      assert.throws(() => decode([bytes.subarray(0, end)]), (err: unknown) => err instanceof EventStreamError && err.code === 'truncated');
    }), propertyParams());
  });

  it('arbitrary bytes never raise anything but an EventStreamError, and the decoder stays failed after one', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), cuts, (raw, at) => {
      const d = new EventStreamDecoder({ maxMessageBytes: 1 << 16 });
      let failed: unknown;
      try {
        for (const c of splitAt(Buffer.from(raw), at)) d.push(c);
        d.end();
      } catch (err) {
        failed = err;
      }
      if (failed !== undefined) {
        assert.ok(failed instanceof EventStreamError, String(failed));
        assert.throws(() => d.push(Buffer.from([0])), EventStreamError);
      }
    }), propertyParams());
  });
});
