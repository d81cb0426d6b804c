import assert from 'node:assert/strict';
import test from 'node:test';
import { ConnectionGate, type GateWaiter } from './connection-gate.ts';

/** A waiter that logs what happened to it. */
function waiter(log: string[], name: string): GateWaiter {
  return { admit: (ms) => log.push(`${name} admitted after ${ms}`), expire: (ms) => log.push(`${name} expired after ${ms}`) };
}

test('admits up to the pool size, queues up to queue_max, refuses beyond; a slot left goes to the longest waiter', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let now = 0;
  const gate = new ConnectionGate({ maxInFlight: 2, queueMax: 2, waitMs: 1000 }, () => now);
  const log: string[] = [];
  assert.equal(gate.enter(waiter(log, 'a'), 60_000).kind, 'admitted');
  assert.equal(gate.enter(waiter(log, 'b'), 60_000).kind, 'admitted');
  assert.equal(gate.enter(waiter(log, 'c'), 60_000).kind, 'queued');
  assert.equal(gate.enter(waiter(log, 'd'), 60_000).kind, 'queued');
  assert.equal(gate.enter(waiter(log, 'e'), 60_000).kind, 'refused');
  assert.deepEqual([gate.running, gate.queued], [2, 2]);
  now = 30;
  gate.leave();
  assert.deepEqual(log, ['c admitted after 30']);
  assert.deepEqual([gate.running, gate.queued], [2, 1]);
  gate.leave();
  gate.leave();
  assert.deepEqual(log, ['c admitted after 30', 'd admitted after 30']);
  assert.deepEqual([gate.running, gate.queued], [1, 0]);
  t.mock.timers.tick(5000);
  assert.equal(log.length, 2, 'an admitted waiter never expires');
});

test('a waiter expires after the wait, or after what is left of its first-byte budget when that is shorter', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let now = 0;
  const gate = new ConnectionGate({ maxInFlight: 1, queueMax: 10, waitMs: 1000 }, () => now);
  const log: string[] = [];
  gate.enter(waiter(log, 'a'), 60_000);
  gate.enter(waiter(log, 'long'), 60_000);
  gate.enter(waiter(log, 'short'), 200);
  now = 200;
  t.mock.timers.tick(200);
  assert.deepEqual(log, ['short expired after 200']);
  now = 1000;
  t.mock.timers.tick(800);
  assert.deepEqual(log, ['short expired after 200', 'long expired after 1000']);
  assert.equal(gate.queued, 0);
  gate.leave();
  assert.equal(gate.running, 0, 'no expired waiter takes the slot');
  assert.equal(gate.enter(waiter(log, 'z'), 0).kind, 'admitted', 'a free slot needs no wait');
  assert.equal(gate.enter(waiter(log, 'y'), 0).kind, 'refused', 'no budget left to wait: refused at once');
});

test('a withdrawn waiter leaves the queue and is never admitted; a new request does not jump the queue', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const gate = new ConnectionGate({ maxInFlight: 1, queueMax: 10, waitMs: 1000 }, () => 0);
  const log: string[] = [];
  gate.enter(waiter(log, 'a'), 60_000);
  const b = gate.enter(waiter(log, 'b'), 60_000);
  gate.enter(waiter(log, 'c'), 60_000);
  assert.equal(b.kind, 'queued');
  if (b.kind === 'queued') b.ticket.withdraw();
  assert.equal(gate.queued, 1);
  gate.leave();
  assert.deepEqual(log, ['c admitted after 0']);
  t.mock.timers.tick(5000);
  assert.deepEqual(log, ['c admitted after 0']);
});

test('the queue array stays bounded while waiters keep expiring and no slot frees', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const gate = new ConnectionGate({ maxInFlight: 1, queueMax: 4, waitMs: 10 }, () => 0);
  gate.enter(waiter([], 'a'), 60_000);
  for (let i = 0; i < 10_000; i++) {
    gate.enter(waiter([], 'w'), 60_000);
    t.mock.timers.tick(10);
  }
  assert.equal(gate.queued, 0);
  assert.ok((gate as unknown as { queue: unknown[] }).queue.length <= 100);
});
