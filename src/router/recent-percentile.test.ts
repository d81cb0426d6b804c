import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecentPercentile } from './recent-percentile.ts';

const p95 = (capacity = 200, scratch = new Float64Array(capacity)) => new RecentPercentile(capacity, 0.95, 20, scratch);

test('absent below the minimum sample count', () => {
  const p = p95();
  for (let i = 0; i < 19; i++) p.add(i);
  assert.equal(p.value(), undefined);
  p.add(19);
  assert.equal(p.value(), 18, 'nearest rank: ceil(0.95 × 20) = 19th smallest of 0..19');
});

test('nearest-rank p95 of 1..100 is 95, whatever the insertion order', () => {
  const p = p95();
  const values = Array.from({ length: 100 }, (_, i) => i + 1).reverse();
  for (const v of values) p.add(v);
  assert.equal(p.value(), 95);
});

test('only the most recent `capacity` samples count', () => {
  const p = p95(50);
  for (let i = 0; i < 50; i++) p.add(10_000);
  assert.equal(p.value(), 10_000);
  for (let i = 0; i < 50; i++) p.add(5);
  assert.equal(p.count, 50);
  assert.equal(p.value(), 5, 'the slow samples were overwritten');
});

test('the cached value is refreshed after a new sample', () => {
  const p = p95();
  for (let i = 0; i < 20; i++) p.add(1);
  assert.equal(p.value(), 1);
  assert.equal(p.value(), 1);
  p.add(1000);
  p.add(1000);
  assert.equal(p.value(), 1000, '22 samples: rank ceil(0.95 × 22) = 21 is one of the slow ones');
});

test('instances sharing a scratch buffer do not disturb each other', () => {
  const scratch = new Float64Array(200);
  const a = p95(200, scratch);
  const b = p95(200, scratch);
  for (let i = 0; i < 40; i++) {
    a.add(100);
    b.add(900);
  }
  assert.equal(a.value(), 100);
  assert.equal(b.value(), 900);
  assert.equal(a.value(), 100);
});

test('rejects a scratch buffer smaller than the ring', () => {
  assert.throws(() => new RecentPercentile(200, 0.95, 20, new Float64Array(10)), /scratch holds 10 values, needs 200/);
});

test('matches a sorted reference on random data, duplicates included', () => {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  for (let round = 0; round < 200; round++) {
    const n = 20 + Math.floor(random() * 300);
    const p = p95();
    const values: number[] = [];
    for (let i = 0; i < n; i++) {
      const v = round % 3 === 0 ? Math.floor(random() * 5) : random() * 1000;
      values.push(v);
      p.add(v);
    }
    const recent = values.slice(-200).sort((a, b) => a - b);
    assert.equal(p.value(), recent[Math.ceil(0.95 * recent.length) - 1], `round ${round}, n ${n}`);
  }
});
