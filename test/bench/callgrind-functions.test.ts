import { test } from 'node:test';
import assert from 'node:assert/strict';
import { selfInstructions } from '../../bench/callgrind-functions.ts';

test('own instructions per function, with JIT addresses named from the perf map and call costs left out', () => {
  const dump = [
    'events: Ir',
    'fn=(1) 0x0000000000001010',
    '3 100',
    '+1 50',
    'cfn=(2) Builtins_LoadIC',
    'calls=2 0',
    '4 999',
    'fn=(2)',
    '0 70',
    'fn=(3) 0x0000000000009999',
    '* 5',
    'fn=(1)',
    '-2 10',
  ].join('\n');
  const perfMap = '1000 40 JS:*inspect file:///work/main/src/providers/openai/openai-stream-relay.ts:70:19\n';
  assert.deepEqual(selfInstructions(dump, perfMap), [
    ['inspect src/providers/openai/openai-stream-relay.ts:70:19', 160],
    ['Builtins_LoadIC', 70],
    ['(JIT code not in the perf map)', 5],
  ]);
});
