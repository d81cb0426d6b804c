import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import test from 'node:test';
import { clientRequestId, newRequestId } from './request-id.ts';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('request ids are UUIDv7 carrying the time they were made', () => {
  const now = Date.UTC(2026, 10, 24, 12, 0, 0, 5);
  const id = newRequestId(now);
  assert.match(id, UUID_V7);
  assert.equal(parseInt(id.slice(0, 8) + id.slice(9, 13), 16), now);
});

test('ids made in the same millisecond, or with the clock stepping back, still sort in the order they were made', () => {
  const ids = [newRequestId(5_000_000_000_000)];
  for (let i = 0; i < 10_000; i++) ids.push(newRequestId(5_000_000_000_000));
  ids.push(newRequestId(4_999_999_999_000));
  for (const id of ids) assert.match(id, UUID_V7);
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual([...ids].sort(), ids, 'lexical order is creation order');
});

test('the random part differs between ids', () => {
  const tails = new Set(Array.from({ length: 1000 }, () => newRequestId().slice(19)));
  assert.equal(tails.size, 1000);
});

test('the client id comes from x-client-request-id, else x-request-id, and only when safe', () => {
  const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
  assert.equal(clientRequestId(req({ 'x-client-request-id': 'job-7:step.2', 'x-request-id': 'other' })), 'job-7:step.2');
  assert.equal(clientRequestId(req({ 'x-request-id': 'trace_abc-1' })), 'trace_abc-1');
  assert.equal(clientRequestId(req({ 'x-request-id': 'has space' })), null);
  assert.equal(clientRequestId(req({ 'x-client-request-id': 'x'.repeat(129) })), null);
  assert.equal(clientRequestId(req({})), null);
});
