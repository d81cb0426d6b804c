import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SseFormatError, SseParser, type SseEvent } from './sse-parser.ts';

function parseAll(chunks: (string | Uint8Array)[]) {
  const events: SseEvent[] = [];
  const p = new SseParser((e) => events.push(e));
  for (const c of chunks) p.push(c);
  return { events, unfinished: p.end() };
}

test('parses data, event and id fields and ignores comments', () => {
  const { events, unfinished } = parseAll([': keep-alive\n\nevent: message_start\nid: 7\ndata: {"a":1}\n\ndata: [DONE]\n\n']);
  assert.deepEqual(events, [{ event: 'message_start', id: '7', data: '{"a":1}' }, { id: '7', data: '[DONE]' }]);
  assert.equal(unfinished, false);
});

test('joins multi-line data and accepts CRLF and CR line endings', () => {
  const { events } = parseAll(['data: a\r\ndata: b\r\n\r\ndata:c\r\rdata: d\n\n']);
  assert.deepEqual(events.map((e) => e.data), ['a\nb', 'c', 'd']);
});

test('handles events and CRLF split across chunks, and UTF-8 split mid-character', () => {
  const bytes = new TextEncoder().encode('data: héllo €\r\n\r\n');
  const chunks = Array.from(bytes, (b) => Uint8Array.of(b));
  const { events } = parseAll(chunks);
  assert.deepEqual(events.map((e) => e.data), ['héllo €']);
});

test('reports a stream that stops in the middle of an event', () => {
  assert.equal(parseAll(['data: {"partial"']).unfinished, true);
  assert.equal(parseAll(['data: {"x":1}\n']).unfinished, true);
});

test('an event with no data is not dispatched', () => {
  assert.deepEqual(parseAll(['event: ping\n\n']).events, []);
});

test('an event of endless data lines is refused at the limit, like one endless line (memory stays bounded)', () => {
  const p = new SseParser(() => assert.fail('no event is dispatched'), 1000);
  assert.throws(() => {
    for (let i = 0; i < 200; i++) p.push('data: 0123456789\n');
  }, (err: unknown) => err instanceof SseFormatError && /event data longer than 1000 characters/.test(err.message));
  const line = new SseParser(() => {}, 1000);
  assert.throws(() => {
    for (let i = 0; i < 200; i++) line.push('0123456789');
  }, (err: unknown) => err instanceof SseFormatError && /line longer than 1000 characters/.test(err.message));
});

test('a line that grows over many chunks is parsed once it ends, and the data limit resets per event', () => {
  const events: SseEvent[] = [];
  const p = new SseParser((e) => events.push(e), 1000);
  p.push('data: ');
  for (let i = 0; i < 50; i++) p.push('0123456789');
  p.push('\n\n');
  for (let i = 0; i < 3; i++) p.push(`data: ${'x'.repeat(600)}\n\n`);
  assert.deepEqual(events.map((e) => e.data.length), [500, 600, 600, 600]);
});
