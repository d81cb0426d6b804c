import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripSnapshotSuffix } from './strip-snapshot-suffix.ts';

test('strips dashed and compact date snapshots', () => {
  assert.equal(stripSnapshotSuffix('gpt-4o-2024-08-06'), 'gpt-4o');
  assert.equal(stripSnapshotSuffix('o3-mini-2025-01-31'), 'o3-mini');
  assert.equal(stripSnapshotSuffix('claude-sonnet-4-20250514'), 'claude-sonnet-4');
  assert.equal(stripSnapshotSuffix('claude-3-5-haiku-20241022'), 'claude-3-5-haiku');
});

test('leaves ids without a date snapshot alone', () => {
  for (const model of ['gpt-4o', 'gpt-4-0613', 'text-embedding-3-small', 'mistral-large-2512', 'command-r-08-2024',
    'claude-opus-4-1', 'x-2024-13-01', 'x-20241301', 'x-2024-02-00', '-20250514', '2024-08-06', 'model-2024_08_06', 'llama3.1:8b']) {
    assert.equal(stripSnapshotSuffix(model), undefined, model);
  }
});
