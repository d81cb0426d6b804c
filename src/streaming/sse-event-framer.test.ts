import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SseEventFramer } from './sse-event-framer.ts';

function frame(chunks: string[]) {
  const f = new SseEventFramer();
  const events: string[] = [];
  let forwarded = '';
  for (const c of chunks) {
    const { buf, complete } = f.push(Buffer.from(c), (b, s, e) => events.push(b.toString('utf8', s, e)));
    forwarded += buf.toString('utf8', 0, complete);
  }
  return { events, forwarded, partial: f.hasPartialEvent() };
}

test('frames events at blank lines with LF, CRLF and CR endings', () => {
  const { events, partial } = frame(['data: a\n\ndata: b\r\n\r\ndata: c\r\rdata: d\n\n']);
  assert.deepEqual(events, ['data: a\n\n', 'data: b\r\n\r\n', 'data: c\r\r', 'data: d\n\n']);
  assert.equal(partial, false);
});

test('an event split across chunks, even mid-CRLF, is reported once whole', () => {
  const whole = 'data: {"x":"é"}\r\n\r\ndata: [DONE]\r\n\r\n';
  const bytes = Buffer.from(whole);
  const chunks = Array.from(bytes, (b) => Buffer.from([b]).toString('latin1'));
  const f = new SseEventFramer();
  const events: Buffer[] = [];
  const forwarded: Buffer[] = [];
  for (const c of chunks) {
    const { buf, complete } = f.push(Buffer.from(c, 'latin1'), (b, s, e) => events.push(Buffer.from(b.subarray(s, e))));
    forwarded.push(Buffer.from(buf.subarray(0, complete)));
  }
  assert.deepEqual(events.map((e) => e.toString('utf8').trimEnd()), ['data: {"x":"é"}', 'data: [DONE]']);
  assert.equal(Buffer.concat(forwarded).toString('utf8'), whole, 'forwarded bytes are the upstream bytes exactly');
});

test('forwarded bytes stop at the last complete event; the rest waits', () => {
  const { forwarded, partial } = frame(['data: one\n\ndata: tw', 'o\n']);
  assert.equal(forwarded, 'data: one\n\n');
  assert.equal(partial, true);
});

test('multi-line events and comments stay one event', () => {
  assert.deepEqual(frame([': ping\ndata: a\ndata: b\n\n']).events, [': ping\ndata: a\ndata: b\n\n']);
});

test('each event reports its non-blank lines, also when it spans chunks or uses CR line ends', () => {
  const f = new SseEventFramer();
  const lines: number[] = [];
  for (const c of ['data: a\n\n: ping\ndata: b\nda', 'ta: c\n\ndata: d\r\r\n\n', 'data: e\n\n']) f.push(Buffer.from(c), (_b, _s, _e, _t, _lf, n) => lines.push(n));
  assert.deepEqual(lines, [1, 3, 1, 1]);
});

test('a large unfinished event is joined once when it ends, not on every chunk (a hostile endless event costs linear time)', () => {
  const concat = Buffer.concat;
  let copied = 0;
  Buffer.concat = ((list: readonly Uint8Array[], total?: number) => {
    const out = concat(list, total);
    copied += out.length;
    return out;
  }) as typeof Buffer.concat;
  try {
    const f = new SseEventFramer(8 * 1024 * 1024, 4096);
    const events: number[] = [];
    const line = Buffer.from(`data: ${'a'.repeat(1017)}\n`);
    f.push(Buffer.from('event: big\n'), () => {});
    for (let i = 0; i < 500; i++) f.push(line, (_b, s, e) => events.push(e - s));
    assert.equal(f.hasPartialEvent(), true);
    f.push(Buffer.from('\n'), (_b, s, e) => events.push(e - s));
    assert.deepEqual(events, [11 + 500 * 1024 + 1]);
    assert.ok(copied < 3 * 500 * 1024, `copied ${copied} bytes for a ${500 * 1024}-byte event`);
  } finally {
    Buffer.concat = concat;
  }
});

test('an endless event is refused at max_event_bytes also while its chunks are set aside', () => {
  const f = new SseEventFramer(64 * 1024, 1024);
  assert.throws(() => {
    for (let i = 0; i < 100; i++) f.push(Buffer.alloc(1024, 0x61), () => {});
  }, /event-stream event larger than 65536 bytes/);
});
