import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crc32 } from './crc32.ts';
import { encodeEventStreamMessage } from './encode-event-stream-message.ts';
import { EventStreamDecoder } from './event-stream-decoder.ts';
import { EventStreamError } from './event-stream-error.ts';
import type { EventStreamMessage } from './event-stream-types.ts';

// Test vectors published with the AWS SDK's event-stream codec (aws-sdk-js-v3 packages/eventstream-codec TestVectors.fixture.ts).
const PAYLOAD = [123, 39, 102, 111, 111, 39, 58, 39, 98, 97, 114, 39, 125];
const ALL_HEADERS = Buffer.from([
  0, 0, 0, 204, 0, 0, 0, 175, 15, 174, 100, 202, 10, 101, 118, 101, 110, 116, 45, 116, 121, 112, 101, 4, 0, 0, 160,
  12, 12, 99, 111, 110, 116, 101, 110, 116, 45, 116, 121, 112, 101, 7, 0, 16, 97, 112, 112, 108, 105, 99, 97, 116,
  105, 111, 110, 47, 106, 115, 111, 110, 10, 98, 111, 111, 108, 32, 102, 97, 108, 115, 101, 1, 9, 98, 111, 111, 108,
  32, 116, 114, 117, 101, 0, 4, 98, 121, 116, 101, 2, 207, 8, 98, 121, 116, 101, 32, 98, 117, 102, 6, 0, 20, 73, 39,
  109, 32, 97, 32, 108, 105, 116, 116, 108, 101, 32, 116, 101, 97, 112, 111, 116, 33, 9, 116, 105, 109, 101, 115,
  116, 97, 109, 112, 8, 0, 0, 0, 0, 0, 132, 95, 237, 5, 105, 110, 116, 49, 54, 3, 0, 42, 5, 105, 110, 116, 54, 52,
  5, 0, 0, 0, 0, 2, 135, 87, 178, 4, 117, 117, 105, 100, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
  ...PAYLOAD, 171, 165, 241, 12,
]);
const EMPTY_MESSAGE = Buffer.from([0, 0, 0, 16, 0, 0, 0, 0, 5, 194, 72, 235, 125, 152, 200, 255]);
const PAYLOAD_NO_HEADERS = Buffer.from([0, 0, 0, 29, 0, 0, 0, 0, 253, 82, 140, 90, ...PAYLOAD, 195, 101, 57, 54]);
const ONE_STRING_HEADER = [
  0, 0, 0, 61, 0, 0, 0, 32, 7, 253, 131, 150, 12, 99, 111, 110, 116, 101, 110, 116, 45, 116, 121, 112, 101, 7, 0,
  16, 97, 112, 112, 108, 105, 99, 97, 116, 105, 111, 110, 47, 106, 115, 111, 110, ...PAYLOAD, 141, 156, 8, 177,
];

function decodeAll(bytes: Buffer, chunkSize = bytes.length): EventStreamMessage[] {
  const d = new EventStreamDecoder();
  const out: EventStreamMessage[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) out.push(...d.push(bytes.subarray(i, i + chunkSize)));
  d.end();
  return out;
}

function failure(fn: () => unknown): EventStreamError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof EventStreamError, `expected EventStreamError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected an EventStreamError');
}

describe('crc32', () => {
  it('is the IEEE CRC-32 (check value of "123456789")', () => {
    assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  });
});

describe('EventStreamDecoder on the AWS SDK test vectors', () => {
  it('decodes every header type (all_headers)', () => {
    const [m] = decodeAll(ALL_HEADERS);
    assert.deepEqual(m.headers, {
      'event-type': { type: 'integer', value: 40972 },
      'content-type': { type: 'string', value: 'application/json' },
      'bool false': { type: 'boolean', value: false },
      'bool true': { type: 'boolean', value: true },
      byte: { type: 'byte', value: -49 },
      'byte buf': { type: 'binary', value: Buffer.from("I'm a little teapot!") },
      timestamp: { type: 'timestamp', value: 8675309n },
      int16: { type: 'short', value: 42 },
      int64: { type: 'long', value: 42424242n },
      uuid: { type: 'uuid', value: '01020304-0506-0708-090a-0b0c0d0e0f10' },
    });
    assert.deepEqual([...m.payload], PAYLOAD);
  });

  it('decodes empty_message, payload_no_headers and payload_one_str_header', () => {
    assert.deepEqual(decodeAll(EMPTY_MESSAGE), [{ headers: {}, payload: Buffer.alloc(0) }]);
    assert.deepEqual(decodeAll(PAYLOAD_NO_HEADERS), [{ headers: {}, payload: Buffer.from(PAYLOAD) }]);
    const [m] = decodeAll(Buffer.from(ONE_STRING_HEADER));
    assert.deepEqual(m.headers, { 'content-type': { type: 'string', value: 'application/json' } });
  });

  it('rejects corrupted_payload (message CRC)', () => {
    const bad = Buffer.from(PAYLOAD_NO_HEADERS);
    bad[12] = 91;
    assert.equal(failure(() => decodeAll(bad)).code, 'bad_message_crc');
  });

  it('rejects corrupted_headers (message CRC)', () => {
    const bad = Buffer.from(ONE_STRING_HEADER);
    bad[45] = 97;
    assert.equal(failure(() => decodeAll(bad)).code, 'bad_message_crc');
  });

  it('rejects corrupted_header_len and corrupted_length (prelude CRC)', () => {
    const headerLen = Buffer.from(ONE_STRING_HEADER);
    headerLen[7] = 33;
    assert.equal(failure(() => decodeAll(headerLen)).code, 'bad_prelude_crc');
    const length = Buffer.from(ONE_STRING_HEADER);
    length[3] = 62;
    assert.equal(failure(() => decodeAll(length)).code, 'bad_prelude_crc');
  });
});

describe('EventStreamDecoder framing', () => {
  const stream = Buffer.concat([
    encodeEventStreamMessage({ ':event-type': 'messageStart', ':message-type': 'event' }, '{"role":"assistant"}'),
    ALL_HEADERS,
    encodeEventStreamMessage({}, ''),
    encodeEventStreamMessage({ ':event-type': 'messageStop' }, '{"stopReason":"end_turn"}'),
  ]);

  it('yields the same messages whatever the chunk boundaries', () => {
    const whole = decodeAll(stream);
    assert.equal(whole.length, 4);
    for (const size of [1, 2, 3, 7, 11, 12, 13, 16, 64, 200]) assert.deepEqual(decodeAll(stream, size), whole, `chunk size ${size}`);
  });

  it('round-trips every header type through the encoder', () => {
    const headers = {
      t: { type: 'boolean', value: true },
      f: { type: 'boolean', value: false },
      b: { type: 'byte', value: -7 },
      s: { type: 'short', value: -300 },
      i: { type: 'integer', value: 2_000_000_000 },
      l: { type: 'long', value: -9_007_199_254_740_993n },
      bin: { type: 'binary', value: Buffer.from([0, 1, 255]) },
      str: { type: 'string', value: 'héllo' },
      ts: { type: 'timestamp', value: 1_700_000_000_000n },
      u: { type: 'uuid', value: 'a1b2c3d4-0000-1111-2222-333344445555' },
    } as const;
    const [m] = decodeAll(encodeEventStreamMessage(headers, 'x'));
    assert.deepEqual(m.headers, headers);
    assert.equal(m.payload.toString(), 'x');
  });

  it('reports a stream that ends mid-message as truncated', () => {
    const d = new EventStreamDecoder();
    assert.equal(d.push(stream.subarray(0, stream.length - 5)).length, 3);
    assert.equal(failure(() => d.end()).code, 'truncated');
  });

  it('bounds the message size before buffering the body', () => {
    const d = new EventStreamDecoder({ maxMessageBytes: 64 });
    const big = encodeEventStreamMessage({}, 'x'.repeat(100));
    assert.equal(failure(() => d.push(big.subarray(0, 12))).code, 'too_large');
    assert.equal(failure(() => d.push(Buffer.alloc(1))).code, 'too_large', 'stays failed');
  });

  it('rejects lengths that cannot frame a message', () => {
    const prelude = (total: number, headers: number): Buffer => {
      const b = Buffer.alloc(12);
      b.writeUInt32BE(total, 0);
      b.writeUInt32BE(headers, 4);
      b.writeUInt32BE(crc32(b.subarray(0, 8)), 8);
      return b;
    };
    assert.equal(failure(() => new EventStreamDecoder().push(prelude(15, 0))).code, 'bad_length');
    assert.equal(failure(() => new EventStreamDecoder().push(prelude(40, 30))).code, 'bad_length');
  });

  it('rejects a header block that ends inside a value, and a repeated header', () => {
    const frame = (headers: Buffer): Buffer => {
      const total = 16 + headers.length;
      const b = Buffer.alloc(total);
      b.writeUInt32BE(total, 0);
      b.writeUInt32BE(headers.length, 4);
      b.writeUInt32BE(crc32(b.subarray(0, 8)), 8);
      headers.copy(b, 12);
      b.writeUInt32BE(crc32(b.subarray(0, total - 4)), total - 4);
      return b;
    };
    const short = failure(() => decodeAll(frame(Buffer.from([1, 97, 7, 0, 10, 120, 121]))));
    assert.deepEqual([short.code, short.message], ['bad_header', 'header block ends inside the value of header "a"']);
    const twice = failure(() => decodeAll(frame(Buffer.from([1, 97, 0, 1, 97, 1]))));
    assert.deepEqual([twice.code, twice.message], ['bad_header', 'header "a" appears twice']);
  });

  it('rejects a header with an unknown value type', () => {
    const m = encodeEventStreamMessage({ a: 'b' }, '');
    m[14] = 42;
    m.writeUInt32BE(crc32(m.subarray(0, m.length - 4)), m.length - 4);
    const err = failure(() => decodeAll(m));
    assert.equal(err.code, 'bad_header');
    assert.match(err.message, /unknown value type 42/);
  });

  it('keeps a header named __proto__ as an ordinary header (found by the property test) and does not touch the prototype', () => {
    const headers = Object.defineProperty({}, '__proto__', { value: { type: 'boolean', value: false }, enumerable: true });
    const [m] = decodeAll(encodeEventStreamMessage(headers, ''));
    assert.equal(Object.getPrototypeOf(m.headers), Object.prototype);
    assert.deepEqual(Object.entries(m.headers), [['__proto__', { type: 'boolean', value: false }]]);
    const proto = [9, ...Buffer.from('__proto__')];
    const block = Buffer.from([...proto, 0, ...proto, 1]);
    const twiceFrame = Buffer.alloc(16 + block.length);
    twiceFrame.writeUInt32BE(twiceFrame.length, 0);
    twiceFrame.writeUInt32BE(block.length, 4);
    twiceFrame.writeUInt32BE(crc32(twiceFrame.subarray(0, 8)), 8);
    block.copy(twiceFrame, 12);
    twiceFrame.writeUInt32BE(crc32(twiceFrame.subarray(0, twiceFrame.length - 4)), twiceFrame.length - 4);
    const twice = failure(() => decodeAll(twiceFrame));
    assert.equal(twice.message, 'header "__proto__" appears twice');
  });
});
