import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { propertyParams } from '../../test/property/property-settings.ts';
import { eventDataText, singleDataLatin1 } from './sse-event-data.ts';
import { SseEventFramer } from './sse-event-framer.ts';
import { SseParser, type SseEvent } from './sse-parser.ts';
import { splitAt } from '../../test/property/reshape-input.ts';

const lineEnd = fc.constantFrom('\n', '\r', '\r\n');
/** Text without line breaks, with multi-byte characters so splits land inside UTF-8 sequences. */
const lineText = fc.string({ unit: fc.oneof(fc.constantFrom('a', ' ', ':', 'é', '€', '😀', '\0', '{', '"'), fc.string({ unit: 'grapheme', maxLength: 1 })), maxLength: 12 })
  .map((s) => s.replace(/[\r\n]/g, ''));

/** One SSE line of any kind the format allows, including ones the parser must ignore. */
const sseLine = fc.oneof(
  lineText.map((t) => `data: ${t}`),
  lineText.map((t) => `data:${t}`),
  fc.constant('data'),
  lineText.map((t) => `event: ${t}`),
  lineText.map((t) => `id: ${t}`),
  lineText.map((t) => `: ${t}`),
  lineText.map((t) => `retry: ${t}`),
  lineText,
);

/** A whole stream: lines with mixed endings, blank lines between some of them. */
const sseStream = fc.array(fc.tuple(fc.oneof(sseLine, fc.constant('')), lineEnd), { maxLength: 30 })
  .map((parts) => Buffer.from(parts.map(([l, e]) => l + e).join(''), 'utf8'));

function parse(chunks: Buffer[]): { events: SseEvent[]; partial: boolean } {
  const events: SseEvent[] = [];
  const p = new SseParser((e) => events.push(e));
  for (const c of chunks) p.push(c);
  return { events, partial: p.end() };
}

function frame(chunks: Buffer[], setAsideFrom?: number) {
  const f = new SseEventFramer(undefined, setAsideFrom);
  const events: Buffer[] = [];
  const lines: number[] = [];
  const forwarded: Buffer[] = [];
  for (const c of chunks) {
    const { buf, complete } = f.push(c, (b, s, e, _t, _lf, n) => {
      events.push(Buffer.from(b.subarray(s, e)));
      lines.push(n);
    });
    forwarded.push(Buffer.from(buf.subarray(0, complete)));
  }
  return { events, lines, forwarded: Buffer.concat(forwarded), partial: f.hasPartialEvent() };
}

const trimEnd = (b: Buffer) => b.toString('latin1').replace(/[\r\n]+$/, '');
const cuts = fc.array(fc.nat(), { maxLength: 12 });

describe('SseParser properties', () => {
  it('any split of a byte stream into chunks yields the same events as the whole', () => {
    fc.assert(fc.property(sseStream, cuts, (bytes, at) => {
      assert.deepEqual(parse(splitAt(bytes, at)), parse([bytes]));
    }), propertyParams());
  });

  it('arbitrary bytes (invalid UTF-8 included) split anywhere give the same events as the whole, and only SseFormatError is thrown', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), cuts, (raw, at) => {
      const bytes = Buffer.from(raw);
      assert.deepEqual(parse(splitAt(bytes, at)), parse([bytes]));
    }), propertyParams());
  });

  it('events serialized as SSE parse back to the same events (round trip)', () => {
    const event = fc.record({
      event: fc.option(lineText.filter((t) => t !== ''), { nil: undefined }),
      id: fc.option(lineText.map((t) => t.replaceAll('\0', '')), { nil: undefined }),
      data: fc.array(lineText, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('\n')),
    });
    fc.assert(fc.property(fc.array(event, { maxLength: 8 }), lineEnd, cuts, (events, eol, at) => {
      const text = events.map((e) => [
        e.event !== undefined ? `event: ${e.event}` : undefined,
        e.id !== undefined ? `id: ${e.id}` : undefined,
        ...e.data.split('\n').map((d) => `data: ${d}`),
      ].filter((l) => l !== undefined).join(eol) + eol + eol).join('');
      let lastId: string | undefined;
      const expected = events.map((e) => {
        if (e.id !== undefined) lastId = e.id;
        const out: SseEvent = { data: e.data };
        if (e.event !== undefined) out.event = e.event;
        if (lastId !== undefined) out.id = lastId;
        return out;
      });
      const got = parse(splitAt(Buffer.from(text, 'utf8'), at));
      assert.deepEqual(got.events, expected);
      assert.equal(got.partial, false);
    }), propertyParams());
  });
});

describe('SseEventFramer properties', () => {
  it('any split yields the same events, the same forwarded bytes and the same partial state as the whole', () => {
    fc.assert(fc.property(sseStream, cuts, (bytes, at) => {
      const whole = frame([bytes]);
      const split = frame(splitAt(bytes, at));
      assert.deepEqual(split.events.map(trimEnd), whole.events.map(trimEnd));
      assert.deepEqual(split.lines, whole.lines);
      assert.deepEqual(split.forwarded, whole.forwarded);
      assert.equal(split.partial, whole.partial);
    }), propertyParams());
  });

  it('setting aside chunks of a large unfinished event (any threshold) changes nothing: same events, lines, bytes and partial state', () => {
    fc.assert(fc.property(sseStream, cuts, fc.nat({ max: 64 }), (bytes, at, threshold) => {
      const whole = frame([bytes]);
      const split = frame(splitAt(bytes, at), threshold);
      assert.deepEqual(split.events.map(trimEnd), whole.events.map(trimEnd));
      assert.deepEqual(split.lines, whole.lines);
      assert.deepEqual(split.forwarded, whole.forwarded);
      assert.equal(split.partial, whole.partial);
    }), propertyParams());
  });

  it('forwarded bytes are a prefix of the upstream bytes, and only a partial event is held back', () => {
    fc.assert(fc.property(sseStream, cuts, (bytes, at) => {
      const { forwarded, partial } = frame(splitAt(bytes, at));
      assert.deepEqual(forwarded, bytes.subarray(0, forwarded.length));
      const rest = bytes.subarray(forwarded.length).toString('latin1');
      assert.equal(partial, /[^\r\n]/.test(rest));
    }), propertyParams());
  });

  it('frames agree with the parser: the data of each framed event is the data the parser dispatches', () => {
    fc.assert(fc.property(sseStream, cuts, (bytes, at) => {
      const { events } = frame(splitAt(bytes, at));
      const framedData = events.map((e) => eventDataText(e, 0, e.length)).filter((d) => d !== undefined);
      assert.deepEqual(framedData, parse([bytes]).events.map((e) => e.data));
      for (const e of events) {
        const text = e.toString('latin1');
        const single = singleDataLatin1(text, 0, e.length, !text.includes('\r'));
        if (single !== undefined) assert.equal(Buffer.from(single, 'latin1').toString('utf8'), eventDataText(e, 0, e.length));
      }
    }), propertyParams());
  });
});
