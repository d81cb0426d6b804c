import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keys, route, seededRandom, target } from '../test-routes.ts';
import { orderWeighted } from './order-weighted.ts';

test('3:1 weights put the heavier target first about 75% of the time', () => {
  const r = route('m', [target('a/big', { weight: 3 }), target('b/small', { weight: 1 })]);
  const random = seededRandom(42);
  let bigFirst = 0;
  const draws = 4000;
  for (let i = 0; i < draws; i++) {
    const order = orderWeighted(r.targets, random);
    assert.equal(order.length, 2, 'every target stays in the plan as a fallback');
    if (order[0].key === 'a/big') bigFirst++;
  }
  const share = bigFirst / draws;
  assert.ok(Math.abs(share - 0.75) < 0.03, `share of first picks was ${share}`);
});

test('sampling is without replacement: second places follow the remaining weights', () => {
  const r = route('m', [target('a/1', { weight: 2 }), target('b/1', { weight: 1 }), target('c/1', { weight: 1 })]);
  const random = seededRandom(7);
  let bSecondWhenAFirst = 0;
  let aFirst = 0;
  for (let i = 0; i < 8000; i++) {
    const order = keys(orderWeighted(r.targets, random));
    assert.deepEqual([...order].sort(), ['a/1', 'b/1', 'c/1']);
    if (order[0] === 'a/1') {
      aFirst++;
      if (order[1] === 'b/1') bSecondWhenAFirst++;
    }
  }
  assert.ok(Math.abs(aFirst / 8000 - 0.5) < 0.03, `a first ${aFirst / 8000}`);
  assert.ok(Math.abs(bSecondWhenAFirst / aFirst - 0.5) < 0.04, `b second after a ${bSecondWhenAFirst / aFirst}`);
});

test('weight-0 targets come last, in priority order, and are never drawn first', () => {
  const r = route('m', [target('z/1', { weight: 0 }), target('a/1', { weight: 1 }), target('z/2', { weight: 0 }), target('b/1', { weight: 1 })]);
  const random = seededRandom(1);
  for (let i = 0; i < 200; i++) {
    const order = keys(orderWeighted(r.targets, random));
    assert.deepEqual(order.slice(2), ['z/1', 'z/2']);
  }
});

test('draws map onto cumulative weights', () => {
  const r = route('m', [target('a/1', { weight: 1 }), target('b/1', { weight: 3 })]);
  assert.deepEqual(keys(orderWeighted(r.targets, () => 0.2)), ['a/1', 'b/1']);
  assert.deepEqual(keys(orderWeighted(r.targets, () => 0.3)), ['b/1', 'a/1']);
  assert.deepEqual(keys(orderWeighted(r.targets, () => 0.999999)), ['b/1', 'a/1']);
});
