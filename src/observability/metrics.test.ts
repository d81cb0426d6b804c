import assert from 'node:assert/strict';
import test from 'node:test';
import { labelValue, MAX_SERIES_PER_METRIC, Metrics } from './metrics.ts';

test('counters add up per label set and render in the exposition format', () => {
  const m = new Metrics();
  m.defineCounter('c_total', 'A counter.');
  m.inc('c_total', 'a="1"');
  m.inc('c_total', 'a="1"', 2);
  m.inc('c_total', 'a="2"');
  assert.match(m.render(), /# TYPE c_total counter\nc_total\{a="1"\} 3\nc_total\{a="2"\} 1\n/);
});

test('histograms count each observation into every bucket at or above it', () => {
  const m = new Metrics();
  m.defineHistogram('h_seconds', 'A histogram.', [0.1, 1]);
  m.observe('h_seconds', '', 0.05);
  m.observe('h_seconds', '', 0.5);
  const out = m.render();
  assert.match(out, /h_seconds_bucket\{le="0.1"\} 1\n/);
  assert.match(out, /h_seconds_bucket\{le="1"\} 2\n/);
  assert.match(out, /h_seconds_bucket\{le="\+Inf"\} 2\n/);
  assert.match(out, /h_seconds_count 2\n/);
});

test('label sets past the per-metric cap fold into one overflow series, so client-chosen names cannot grow memory', () => {
  const m = new Metrics();
  m.defineCounter('c_total', 'A counter.');
  m.defineHistogram('h_seconds', 'A histogram.', [1]);
  for (let i = 0; i < MAX_SERIES_PER_METRIC + 50; i++) {
    m.inc('c_total', `model="m${i}"`);
    m.observe('h_seconds', `model="m${i}"`, 0.5);
  }
  m.inc('c_total', 'model="m0"');
  const lines = m.render().split('\n');
  assert.equal(lines.filter((l) => l.startsWith('c_total{')).length, MAX_SERIES_PER_METRIC + 1);
  assert.ok(lines.includes('c_total{overflow="true"} 50'));
  assert.ok(lines.includes('c_total{model="m0"} 2'), 'existing series keep counting past the cap');
  assert.ok(lines.includes('h_seconds_count{overflow="true"} 50'));
});

test('label values are escaped only where the format needs it', () => {
  assert.equal(labelValue('gpt-4o'), 'gpt-4o');
  assert.equal(labelValue('a"b\\c\nd'), 'a\\"b\\\\c\\nd');
});
