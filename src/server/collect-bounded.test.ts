import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import test from 'node:test';
import { collectBounded, type CollectLimits } from './collect-bounded.ts';

const limits = (o: Partial<CollectLimits> = {}): CollectLimits => ({ maxBytes: 10, tooLarge: () => new Error('too large'), ...o });

test('collects every chunk up to and including the limit', async () => {
  const s = new PassThrough();
  const p = collectBounded(s, limits());
  s.write('hello');
  s.end('world');
  assert.equal((await p).toString(), 'helloworld');
});

test('past the limit it rejects and leaves the stream open (the client is still owed its 413)', async () => {
  const s = new PassThrough();
  const p = collectBounded(s, limits());
  s.write('0123456789a');
  await assert.rejects(p, /too large/);
  assert.equal(s.destroyed, false);
  assert.equal(s.listenerCount('data'), 0, 'listeners are removed');
});

test('a body that does not arrive in time rejects with the deadline error', async () => {
  const s = new PassThrough();
  const p = collectBounded(s, limits({ deadline: { ms: 20, error: () => new Error('slow client') } }));
  s.write('abc');
  await assert.rejects(p, /slow client/);
  assert.equal(s.listenerCount('end'), 0);
});

test('a stream error, an early close and an already destroyed stream all reject', async () => {
  const failing = new PassThrough();
  const p1 = collectBounded(failing, limits());
  failing.destroy(new Error('reset by peer'));
  await assert.rejects(p1, /reset by peer/);

  const closing = new PassThrough();
  const p2 = collectBounded(closing, limits());
  closing.write('ab');
  closing.destroy();
  await assert.rejects(p2, (e: Error & { code?: string }) => e.code === 'ERR_STREAM_PREMATURE_CLOSE');

  const gone = new PassThrough();
  gone.destroy();
  await assert.rejects(collectBounded(gone, limits()), (e: Error & { code?: string }) => e.code === 'ERR_STREAM_PREMATURE_CLOSE');
});

test('with the declared length, the body is complete once that many bytes are in, before the stream ends', async () => {
  const s = new PassThrough();
  const p = collectBounded(s, limits({ expectedBytes: 8, deadline: { ms: 5000, error: () => new Error('slow client') } }));
  s.write('abcd');
  s.write('efgh');
  assert.equal((await p).toString(), 'abcdefgh', 'resolved without an end');
  assert.equal(s.listenerCount('data'), 0);
  s.destroy(new Error('reset after the body was whole'));
  await new Promise((r) => setImmediate(r));
  assert.ok(s.destroyed, 'a late stream error is ignored, not thrown');
});

test('fewer bytes than declared still wait for the end (and the stream decides)', async () => {
  const s = new PassThrough();
  const p = collectBounded(s, limits({ expectedBytes: 8 }));
  s.write('abc');
  s.end();
  assert.equal((await p).toString(), 'abc');
});
