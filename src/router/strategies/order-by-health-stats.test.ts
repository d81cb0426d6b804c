import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeHealth, keys, route } from '../test-routes.ts';
import { orderByLatency, orderByLeastInFlight, orderByThroughput } from './order-by-health-stats.ts';

const targets = route('m', ['a/1', 'b/1', 'c/1', 'd/1']).targets;

test('latency: fastest first by time to first token for streams, latency otherwise', () => {
  const health = fakeHealth({
    'a/1': { ttftMs: 300, latencyMs: 900 },
    'b/1': { ttftMs: 100, latencyMs: 2000 },
    'c/1': { ttftMs: 200, latencyMs: 500 },
    'd/1': { ttftMs: 400, latencyMs: 700 },
  });
  assert.deepEqual(keys(orderByLatency(targets, health, true)), ['b/1', 'c/1', 'a/1', 'd/1']);
  assert.deepEqual(keys(orderByLatency(targets, health, false)), ['c/1', 'd/1', 'a/1', 'b/1']);
});

test('latency: targets with no sample go first, in priority order', () => {
  const health = fakeHealth({ 'a/1': { latencyMs: 50 }, 'c/1': { latencyMs: 10 } });
  assert.deepEqual(keys(orderByLatency(targets, health, false)), ['b/1', 'd/1', 'c/1', 'a/1']);
});

test('least-inflight: fewest in flight first, ties in priority order', () => {
  const health = fakeHealth({ 'a/1': { inFlight: 4 }, 'b/1': { inFlight: 1 }, 'c/1': { inFlight: 0 }, 'd/1': { inFlight: 1 } });
  assert.deepEqual(keys(orderByLeastInFlight(targets, health)), ['c/1', 'b/1', 'd/1', 'a/1']);
});

test('throughput: highest first, unmeasured first', () => {
  const health = fakeHealth({ 'a/1': { throughput: 40 }, 'b/1': { throughput: 120 }, 'd/1': { throughput: 80 } });
  assert.deepEqual(keys(orderByThroughput(targets, health)), ['c/1', 'b/1', 'd/1', 'a/1']);
});
