import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HttpError } from '../server/http-error.ts';
import { parseRecordQuery, rejectAnyParameter } from './parse-list-query.ts';

const q = (s: string) => new URLSearchParams(s);

function rejects(fn: () => unknown, code: string, param: string): void {
  assert.throws(fn, (e: unknown) => e instanceof HttpError && e.status === 400 && e.code === code && e.param === param && e.message.includes(param));
}

test('a valid record query is read with its defaults', () => {
  assert.deepEqual(parseRecordQuery(q('')), { limit: 100, keyId: undefined, since: undefined, clientRequestId: undefined });
  assert.deepEqual(parseRecordQuery(q('limit=10000&key_id=key_ab-1&since=2026-11-24T10:00:00Z&client_request_id=job:42')), {
    limit: 10000, keyId: 'key_ab-1', since: Date.parse('2026-11-24T10:00:00Z'), clientRequestId: 'job:42',
  });
  assert.equal(parseRecordQuery(q('since=2026-11-24')).since, Date.parse('2026-11-24'));
});

test('bad limits are refused naming limit', () => {
  for (const v of ['0', 'abc', '10001', '-1', '1.5', '', '1e3', '0x10', '9999999']) rejects(() => parseRecordQuery(q(`limit=${v}`)), 'invalid_limit', 'limit');
  rejects(() => parseRecordQuery(q('limit=1&limit=2')), 'invalid_limit', 'limit');
});

test('bad dates and ids are refused naming the parameter', () => {
  for (const v of ['yesterday', '1', 'March 7, 2026', '2026-13-45', '2026-11-24T25:00Z', '']) rejects(() => parseRecordQuery(q(`since=${encodeURIComponent(v)}`)), 'invalid_since', 'since');
  rejects(() => parseRecordQuery(q('key_id=a%20b')), 'invalid_key_id', 'key_id');
  rejects(() => parseRecordQuery(q('client_request_id=')), 'invalid_client_request_id', 'client_request_id');
});

test('unknown filters are refused naming them', () => {
  rejects(() => parseRecordQuery(q('limt=5')), 'unknown_parameter', 'limt');
  rejects(() => parseRecordQuery(q('cursor=abc')), 'unknown_parameter', 'cursor');
  rejects(() => rejectAnyParameter(q('limit=5')), 'unknown_parameter', 'limit');
  assert.doesNotThrow(() => rejectAnyParameter(q('')));
});
