import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPriceBook } from '../../pricing/price-book.ts';
import { fakeHealth, keys, route, target } from '../test-routes.ts';
import { effectiveStrategy, orderTargets, type OrderingInputs } from './order-targets.ts';

const prices = createPriceBook({ version: 't', currency: 'USD', prices: [] }, [
  { provider: 'a', model: '1', inputPerMTok: '3', outputPerMTok: '3' },
  { provider: 'b', model: '1', inputPerMTok: '1', outputPerMTok: '1' },
], { a: undefined, b: undefined, c: undefined });

const inputs: OrderingInputs = {
  health: fakeHealth({ 'a/1': { latencyMs: 10, inFlight: 5, throughput: 10 }, 'b/1': { latencyMs: 30, inFlight: 2, throughput: 90 }, 'c/1': { latencyMs: 20, inFlight: 2, throughput: 50 } }),
  prices,
  random: () => 0.99,
  now: new Date('2026-01-01T00:00:00Z'),
  stream: false,
  expectedTokens: { input: 100, output: 100 },
};

const targets = route('m', [target('c/1', { priority: 2 }), target('a/1', { priority: 0 }), target('b/1', { priority: 1 })]).targets;

test('each strategy starts from priority order and applies its own ordering', () => {
  assert.deepEqual(keys(orderTargets(targets, 'priority', inputs)), ['a/1', 'b/1', 'c/1']);
  assert.deepEqual(keys(orderTargets(targets, 'weighted', inputs)), ['c/1', 'b/1', 'a/1']);
  assert.deepEqual(keys(orderTargets(targets, 'latency', inputs)), ['a/1', 'c/1', 'b/1']);
  assert.deepEqual(keys(orderTargets(targets, 'least-inflight', inputs)), ['b/1', 'c/1', 'a/1'], 'tie between b and c kept in priority order');
  assert.deepEqual(keys(orderTargets(targets, 'cost', inputs)), ['b/1', 'a/1', 'c/1'], 'c is unpriced');
  assert.deepEqual(keys(orderTargets(targets, 'throughput', inputs)), ['b/1', 'c/1', 'a/1']);
});

test('provider.sort replaces the route strategy', () => {
  assert.equal(effectiveStrategy('weighted', undefined), 'weighted');
  assert.equal(effectiveStrategy('weighted', 'price'), 'cost');
  assert.equal(effectiveStrategy('priority', 'latency'), 'latency');
  assert.equal(effectiveStrategy('cost', 'throughput'), 'throughput');
});
