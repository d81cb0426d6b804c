import { invalidRequest } from '../server/http-error.ts';
import type { RecordQuery } from '../store/store-types.ts';

/** Largest `limit` a list accepts (the store caps what it reads at the same figure). */
export const MAX_LIST_LIMIT = 10_000;
const DEFAULT_LIMIT = 100;
const RECORD_FILTERS = ['limit', 'key_id', 'since', 'client_request_id'] as const;
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** ISO 8601 as `Date.parse` reads it reliably: a date, optionally a time, seconds, fraction and zone. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * `GET /admin/v1/requests` query → store query. Every parameter is checked so a typo (`limt=5`,
 * `since=yesterday`) is a 400 naming the parameter rather than a silently ignored filter.
 */
export function parseRecordQuery(q: URLSearchParams): RecordQuery {
  rejectUnknown(q, RECORD_FILTERS);
  const limit = single(q, 'limit', 'invalid_limit');
  const since = single(q, 'since', 'invalid_since');
  const keyId = single(q, 'key_id', 'invalid_key_id');
  const clientRequestId = single(q, 'client_request_id', 'invalid_client_request_id');
  if (keyId !== undefined && !KEY_ID.test(keyId)) throw invalidRequest('invalid_key_id', 'key_id must be a key id such as key_… (1–64 characters of A-Z a-z 0-9 _ -)', 'key_id');
  if (clientRequestId !== undefined && !CLIENT_REQUEST_ID.test(clientRequestId)) {
    throw invalidRequest('invalid_client_request_id', 'client_request_id must be 1–128 characters of A-Z a-z 0-9 . _ : -', 'client_request_id');
  }
  return { limit: limit === undefined ? DEFAULT_LIMIT : parseLimit(limit), keyId, since: since === undefined ? undefined : parseSince(since), clientRequestId };
}

/** For lists that take no parameters yet (`/admin/v1/keys`, `/admin/v1/targets`): any parameter is a 400. */
export function rejectAnyParameter(q: URLSearchParams): void {
  rejectUnknown(q, []);
}

function rejectUnknown(q: URLSearchParams, allowed: readonly string[]): void {
  for (const name of q.keys()) {
    if (allowed.includes(name)) continue;
    const accepted = allowed.length > 0 ? `accepted: ${allowed.join(', ')}` : 'this endpoint takes no query parameters';
    throw invalidRequest('unknown_parameter', `unknown query parameter "${name.slice(0, 64)}" (${accepted})`, name.slice(0, 64));
  }
}

function single(q: URLSearchParams, name: string, code: string): string | undefined {
  const values = q.getAll(name);
  if (values.length === 0) return undefined;
  if (values.length > 1) throw invalidRequest(code, `${name} is given ${values.length} times; give it once`, name);
  return values[0];
}

function parseLimit(value: string): number {
  const n = /^[0-9]{1,6}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= MAX_LIST_LIMIT)) throw invalidRequest('invalid_limit', `limit must be an integer from 1 to ${MAX_LIST_LIMIT}`, 'limit');
  return n;
}

function parseSince(value: string): number {
  const ms = ISO_DATE_TIME.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw invalidRequest('invalid_since', 'since must be an ISO 8601 date or date-time, such as 2026-11-24 or 2026-11-24T10:00:00Z', 'since');
  return ms;
}
