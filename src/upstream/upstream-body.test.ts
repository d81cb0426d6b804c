import assert from 'node:assert/strict';
import test from 'node:test';
import { ResponseTooLargeError, UpstreamBody, type BodySink } from './upstream-body.ts';

const nextTurn = () => new Promise((r) => setImmediate(r));

function body() {
  const calls = { resume: 0, aborts: [] as Error[] };
  const b = new UpstreamBody({ resume: () => calls.resume++, abort: (err) => calls.aborts.push(err) });
  return { b, calls };
}

/** A sink that records what it gets; `pauseOn` lists the deliveries (1-based) it answers false to. */
function recorder(pauseOn: number[] = []) {
  const got: string[] = [];
  let deliveries = 0;
  const sink: BodySink = {
    data: (chunk) => {
      got.push(chunk.toString());
      return !pauseOn.includes(++deliveries);
    },
    end: () => got.push('<end>'),
    error: (err) => got.push(`<error ${err.message}>`),
  };
  return { got, sink };
}

test('pushes of one turn reach the consumer as one buffer, then the end', async () => {
  const { b } = body();
  const { got, sink } = recorder();
  b.pipe(sink);
  b.push(Buffer.from('a'));
  b.push(Buffer.from('b'));
  b.finish();
  assert.deepEqual(got, [], 'delivery waits for the pushes of the turn to be in');
  await nextTurn();
  assert.deepEqual(got, ['ab', '<end>']);
});

test('bytes pushed before the consumer attaches are kept for it', async () => {
  const { b } = body();
  b.push(Buffer.from('early'));
  await nextTurn();
  const { got, sink } = recorder();
  b.pipe(sink);
  b.finish();
  await nextTurn();
  assert.deepEqual(got, ['early', '<end>']);
  assert.throws(() => b.pipe(sink), /one consumer/);
});

test('a paused consumer pauses the upstream at its next push; resuming delivers what waited, then the end', async () => {
  const { b, calls } = body();
  const { got, sink } = recorder([1]);
  b.pipe(sink);
  assert.equal(b.push(Buffer.from('1')), true);
  await nextTurn();
  assert.equal(b.push(Buffer.from('2')), false, 'the HTTP client is told to pause');
  b.finish();
  await nextTurn();
  assert.deepEqual(got, ['1'], 'nothing is delivered while paused, not even the end');
  b.resume();
  await nextTurn();
  assert.deepEqual(got, ['1', '2', '<end>']);
  assert.equal(calls.resume, 1, 'the upstream connection was resumed');
});

test('a failure comes after the bytes before it, and at once to a paused consumer', async () => {
  const first = body();
  const r1 = recorder();
  first.b.pipe(r1.sink);
  first.b.push(Buffer.from('seen'));
  first.b.fail(new Error('reset'));
  await nextTurn();
  assert.deepEqual(r1.got, ['seen', '<error reset>']);

  const second = body();
  const r2 = recorder([1]);
  second.b.pipe(r2.sink);
  second.b.push(Buffer.from('1'));
  await nextTurn();
  second.b.push(Buffer.from('2'));
  second.b.fail(new Error('deadline'));
  await nextTurn();
  assert.deepEqual(r2.got, ['1', '<error deadline>'], 'a client that is not reading does not hold the error back');
});

test('destroy aborts a response still arriving, not one already ended, and delivers nothing more', async () => {
  const open = body();
  const r = recorder();
  open.b.pipe(r.sink);
  open.b.push(Buffer.from('x'));
  open.b.destroy();
  open.b.push(Buffer.from('y'));
  open.b.finish();
  await nextTurn();
  assert.deepEqual(r.got, []);
  assert.equal(open.calls.aborts.length, 1);
  assert.equal(open.b.destroyed, true);

  const ended = body();
  ended.b.finish();
  ended.b.destroy();
  assert.equal(ended.calls.aborts.length, 0, 'a complete response keeps its connection');
});

test('readAll joins the body, and past its limit fails and aborts the response', async () => {
  const small = body();
  const all = small.b.readAll(10);
  small.b.push(Buffer.from('ab'));
  await nextTurn();
  small.b.push(Buffer.from('cd'));
  small.b.finish();
  assert.equal((await all).toString(), 'abcd');

  const big = body();
  const text = big.b.readText(3);
  big.b.push(Buffer.from('abcd'));
  await assert.rejects(text, ResponseTooLargeError);
  assert.equal(big.calls.aborts.length, 1);
});

test('as an async iterable it yields each delivery; leaving the loop early destroys the body', async () => {
  const { b, calls } = body();
  const seen: string[] = [];
  const loop = (async () => {
    for await (const chunk of b) {
      seen.push(chunk.toString());
      if (seen.length === 2) break;
    }
  })();
  b.push(Buffer.from('1'));
  await nextTurn();
  b.push(Buffer.from('2'));
  await nextTurn();
  b.push(Buffer.from('3'));
  await loop;
  assert.deepEqual(seen, ['1', '2']);
  assert.equal(calls.aborts.length, 1);

  const failing = body();
  const reading = (async () => {
    for await (const chunk of failing.b) void chunk;
  })();
  failing.b.fail(new Error('cut'));
  await assert.rejects(reading, /cut/);
});

test('the async iterable reads ahead up to its high-water mark, then pauses the upstream until the loop catches up', async () => {
  const { b, calls } = body();
  const it = b[Symbol.asyncIterator](4);
  assert.equal(b.push(Buffer.from('ab')), true);
  await nextTurn();
  assert.equal(b.push(Buffer.from('cd')), true, 'two bytes are below the mark: no pause');
  await nextTurn();
  assert.equal(b.push(Buffer.from('ef')), false, 'four bytes wait for the loop: the upstream is paused');
  await nextTurn();
  assert.deepEqual(await it.next(), { value: Buffer.from('ab'), done: false });
  assert.deepEqual(await it.next(), { value: Buffer.from('cd'), done: false });
  await nextTurn();
  assert.equal(calls.resume, 1, 'below the mark again: the upstream resumed');
  b.finish();
  assert.deepEqual(await it.next(), { value: Buffer.from('ef'), done: false });
  assert.deepEqual(await it.next(), { value: undefined, done: true });
});

test('a body nobody reads yet pauses the upstream once 64 KiB wait; attaching delivers them and resumes it', async () => {
  const { b, calls } = body();
  assert.equal(b.push(Buffer.alloc(40 * 1024)), true);
  assert.equal(b.push(Buffer.alloc(40 * 1024)), false, 'past the limit with no consumer: pause');
  const all = b.readAll(1024 * 1024);
  await nextTurn();
  assert.equal(calls.resume, 1, 'the consumer took the bytes: the upstream resumed');
  b.finish();
  assert.equal((await all).length, 80 * 1024);
});
