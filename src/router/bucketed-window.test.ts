import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BucketedWindow } from './bucketed-window.ts';

test('counts attempts and failures inside the window', () => {
  const w = new BucketedWindow(60_000);
  const t0 = 1_000_000;
  w.record(t0, false);
  w.record(t0 + 10_000, true);
  w.record(t0 + 20_000, true);
  assert.equal(w.attemptsAt(t0 + 20_000), 3);
  assert.equal(w.failuresAt(t0 + 20_000), 2);
});

test('old buckets fall out of the window', () => {
  const w = new BucketedWindow(60_000);
  const t0 = 6_000_000; // the start of a 6 s bucket
  w.record(t0, true);
  w.record(t0 + 30_000, true);
  assert.equal(w.failuresAt(t0 + 59_000), 2);
  assert.equal(w.failuresAt(t0 + 66_000), 1, 'the first failure is over a window old');
  assert.equal(w.failuresAt(t0 + 100_000), 0);
  assert.equal(w.attemptsAt(t0 + 100_000), 0);
});

test('a reused bucket slot starts from zero', () => {
  const w = new BucketedWindow(10_000);
  w.record(5_000, true);
  w.record(15_000, false);
  assert.equal(w.attemptsAt(15_000), 1, 'slot 5 of the previous lap was cleared');
  assert.equal(w.failuresAt(15_000), 0);
});

test('reset empties the window and may change its length', () => {
  const w = new BucketedWindow(60_000);
  w.record(1_000, true);
  assert.equal(w.hasWindow(60_000), true);
  w.reset(10_000);
  assert.equal(w.hasWindow(60_000), false);
  assert.equal(w.attemptsAt(1_000), 0);
  w.record(1_000, true);
  assert.equal(w.failuresAt(11_500), 0, 'the new 10 s window has passed');
});
