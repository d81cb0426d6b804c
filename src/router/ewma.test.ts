import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ewma } from './ewma.ts';

test('the first sample is the average', () => {
  assert.equal(ewma(undefined, 120), 120);
});

test('each sample moves the average a fifth of the way', () => {
  assert.equal(ewma(100, 200), 120);
  assert.equal(ewma(120, 20), 100);
});

test('a steady series converges to its value', () => {
  let avg: number | undefined = 1000;
  for (let i = 0; i < 60; i++) avg = ewma(avg, 50);
  assert.ok(Math.abs(avg - 50) < 0.01, String(avg));
});
