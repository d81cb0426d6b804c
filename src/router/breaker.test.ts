import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BreakerConfig } from '../config/types.ts';
import { Breaker } from './breaker.ts';

const config: BreakerConfig = { consecutiveFailures: 3, errorRate: 0.5, minRequests: 10, windowMs: 60_000, openMs: 30_000, maxOpenMs: 100_000 };
const T0 = 1_700_000_000_000;

function failTimes(b: Breaker, n: number, now: number) {
  for (let i = 0; i < n; i++) b.failed(now, false, config);
}

test('opens after the configured number of consecutive failures', () => {
  const b = new Breaker(config);
  failTimes(b, 2, T0);
  assert.equal(b.state(T0), 'closed');
  failTimes(b, 1, T0);
  assert.equal(b.state(T0), 'open');
  assert.equal(b.probeAt, T0 + 30_000);
  assert.equal(b.admit(T0 + 1), 'deny');
  assert.equal(b.available(T0 + 1), false);
});

test('a success resets the consecutive count', () => {
  const b = new Breaker(config);
  failTimes(b, 2, T0);
  b.succeeded(T0, false, config);
  assert.equal(b.consecutiveFailures, 0);
  failTimes(b, 2, T0);
  assert.equal(b.state(T0), 'closed');
});

test('opens on the error rate only once the window holds min_requests attempts', () => {
  const b = new Breaker(config);
  for (let i = 0; i < 4; i++) {
    b.failed(T0, false, config);
    b.succeeded(T0, false, config);
  }
  assert.equal(b.windowAttempts(T0), 8);
  assert.equal(b.state(T0), 'closed', '50% failures but only 8 attempts');
  b.succeeded(T0, false, config);
  b.failed(T0, false, config);
  assert.equal(b.state(T0), 'open', '5 of 10 failed: the error rate reached 0.5');
});

test('failures that left the window do not count toward the error rate', () => {
  const b = new Breaker(config);
  for (let i = 0; i < 5; i++) {
    b.failed(T0, false, config);
    b.succeeded(T0, false, config);
  }
  const later = T0 + 61_000;
  for (let i = 0; i < 9; i++) b.succeeded(later, false, config);
  b.failed(later, false, config);
  assert.equal(b.windowAttempts(later), 10);
  assert.equal(b.windowFailures(later), 1);
  assert.equal(b.state(later), 'closed');
});

test('half-open lets exactly one probe through at a time', () => {
  const b = new Breaker(config);
  failTimes(b, 3, T0);
  const due = T0 + 30_000;
  assert.equal(b.state(due), 'half_open');
  assert.equal(b.available(due), true);
  assert.equal(b.admit(due), 'probe');
  assert.equal(b.admit(due), 'deny', 'the probe is in flight');
  assert.equal(b.available(due), false);
  assert.equal(b.state(due), 'half_open');
});

test('a successful probe closes the breaker with fresh counters', () => {
  const b = new Breaker(config);
  failTimes(b, 3, T0);
  const due = T0 + 30_000;
  assert.equal(b.admit(due), 'probe');
  b.succeeded(due, true, config);
  assert.equal(b.state(due), 'closed');
  assert.equal(b.probeAt, undefined);
  assert.equal(b.consecutiveFailures, 0);
  assert.equal(b.windowAttempts(due), 0);
  assert.equal(b.admit(due), 'pass');
});

test('a failed probe re-opens for double the time, capped at max_open_ms', () => {
  const b = new Breaker(config);
  failTimes(b, 3, T0);
  let now = T0 + 30_000;
  const expected = [60_000, 100_000, 100_000];
  for (const openMs of expected) {
    assert.equal(b.admit(now), 'probe');
    b.failed(now, true, config);
    assert.equal(b.state(now), 'open');
    assert.equal(b.probeAt, now + openMs);
    assert.equal(b.admit(now + openMs - 1), 'deny');
    now += openMs;
  }
  assert.equal(b.admit(now), 'probe');
  b.succeeded(now, true, config);
  failTimes(b, 3, now);
  assert.equal(b.probeAt, now + 30_000, 'after closing, the next open time starts from open_ms again');
});

test('a released probe frees the slot without moving the breaker', () => {
  const b = new Breaker(config);
  failTimes(b, 3, T0);
  const due = T0 + 30_000;
  assert.equal(b.admit(due), 'probe');
  b.released(true);
  assert.equal(b.state(due), 'half_open');
  assert.equal(b.probeAt, due);
  assert.equal(b.admit(due), 'probe');
});

test('results of attempts started before the breaker opened do not move it', () => {
  const b = new Breaker(config);
  failTimes(b, 3, T0);
  b.succeeded(T0 + 1, false, config);
  assert.equal(b.state(T0 + 1), 'open');
  b.failed(T0 + 2, false, config);
  assert.equal(b.probeAt, T0 + 30_000, 'a late failure does not extend the open time');
});

test('an early probe takes the slot before it is due', () => {
  const b = new Breaker(config);
  assert.equal(b.admitEarlyProbe(), false, 'closed: nothing to probe');
  failTimes(b, 3, T0);
  assert.equal(b.probeable(), true);
  assert.equal(b.admitEarlyProbe(), true);
  assert.equal(b.admitEarlyProbe(), false);
  assert.equal(b.probeable(), false);
  assert.equal(b.admit(T0 + 30_000), 'deny', 'the early probe holds the slot');
  b.succeeded(T0 + 5, true, config);
  assert.equal(b.state(T0 + 5), 'closed');
});
