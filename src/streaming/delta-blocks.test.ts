import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StreamEvent } from '../canonical/stream-event.ts';
import { DeltaBlocks } from './delta-blocks.ts';

test('opens a block per kind, closes the other kind on a switch, numbers blocks from one counter', () => {
  const out: StreamEvent[] = [];
  const b = new DeltaBlocks((e) => out.push(e));
  b.reasoning('think');
  b.text('a');
  b.text('b');
  const tool = b.newBlock();
  b.closeText();
  b.closeText();
  b.reasoning('more');
  b.closeReasoning();
  assert.equal(tool, 2);
  assert.deepEqual(out, [
    { type: 'reasoning_start', block: 0 },
    { type: 'reasoning_delta', block: 0, text: 'think' },
    { type: 'reasoning_end', block: 0 },
    { type: 'text_start', block: 1 },
    { type: 'text_delta', block: 1, text: 'a' },
    { type: 'text_delta', block: 1, text: 'b' },
    { type: 'text_end', block: 1 },
    { type: 'reasoning_start', block: 3 },
    { type: 'reasoning_delta', block: 3, text: 'more' },
    { type: 'reasoning_end', block: 3 },
  ]);
});
