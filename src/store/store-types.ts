import type { Usage } from '../canonical/usage.ts';

/**
 * The system of record. One interface for the embedded SQLite store and (later) PostgreSQL,
 * so callers never know which is behind it. Every method is async: the SQLite implementation
 * runs in a worker thread and the PostgreSQL one over the network.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  migrate(): Promise<MigrationResult>;
  keys: KeyRepository;
  records: RecordRepository;
  close(): Promise<void>;
}

export interface MigrationResult {
  applied: string[];
  current: string;
}

export type KeyRole = 'user' | 'admin';

/** A virtual key as stored: never the secret itself, only its SHA-256 hash and a display prefix. */
export interface VirtualKeyRecord {
  id: string;
  name: string;
  /** First characters of the secret, for recognising a key in lists (`sk-sy-AbC1…`). */
  prefix: string;
  hash: string;
  role: KeyRole;
  /** Public model names this key may call; null means every configured model. */
  models: string[] | null;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
}

export interface KeyRepository {
  insert(key: VirtualKeyRecord): Promise<void>;
  list(): Promise<VirtualKeyRecord[]>;
  get(id: string): Promise<VirtualKeyRecord | undefined>;
  /** Marks the key revoked; returns the updated key, or undefined when no such key exists. */
  revoke(id: string, at: number): Promise<VirtualKeyRecord | undefined>;
  /** A number that changes whenever any key changes (any process); lets a gateway notice CLI edits cheaply. */
  revision(): Promise<number>;
}

/** Outcome class of a request, for dashboards and alerting. */
export type ErrorClass =
  | 'auth'
  | 'invalid_request'
  | 'not_found'
  | 'rate_limited'
  | 'upstream_error'
  | 'upstream_auth'
  | 'upstream_timeout'
  | 'upstream_unavailable'
  /** Every connection to the provider was busy and none came free within the wait (not the provider's fault). */
  | 'pool_saturated'
  | 'bad_upstream_response'
  | 'client_disconnected'
  /** Still running when the gateway's shutdown grace ran out; ended by the gateway (an in-band error on a stream). */
  | 'shutdown'
  | 'internal';

/** One row per data-plane request, written off the hot path by the batched record writer. */
export interface RequestRecord {
  /** The gateway's own id (UUIDv7), also the response's `x-request-id`. */
  id: string;
  /** The caller's `x-client-request-id` (or `x-request-id`) when it sent a safe one; for correlation only, not unique. */
  clientRequestId: string | null;
  startedAt: number;
  keyId: string | null;
  endpoint: string;
  requestedModel: string | null;
  provider: string | null;
  upstreamModel: string | null;
  stream: boolean;
  status: number;
  errorClass: ErrorClass | null;
  errorMessage: string | null;
  latencyMs: number;
  /** Time to first token (streams) or to first byte of the response; null when none arrived. */
  ttftMs: number | null;
  usage: Usage;
  /** `reported`: from the provider; `estimated`: counted from the stream seen before a disconnect or cut. */
  usageSource: 'reported' | 'estimated' | 'none';
  /**
   * Null (or absent) when the usage passed the sanity check. Otherwise the provider's usage as it reported it
   * (JSON, at most 1 KiB): a figure was absurd, negative or not an integer, so the token counts are
   * stored as zero and the cost as null (unpriced) rather than billing or failing on it.
   */
  usageInvalid?: string | null;
  /** Integer micro-USD; null when the model has no price (unpriced is never recorded as zero). */
  costMicros: number | null;
  attempts: number;
  /** Every upstream attempt, in start order (hedges and retries included). */
  attemptLog: AttemptRecord[];
}

/** One upstream attempt of a request: which target, how it ended, how long it took. */
export interface AttemptRecord {
  provider: string;
  /** The upstream model name. */
  model: string;
  /** `cancelled`: a hedge that lost the race; `client_disconnected`: abandoned because the client left. */
  outcome: 'ok' | 'cancelled' | ErrorClass;
  upstreamStatus: number | null;
  /** Milliseconds from the request's arrival to this attempt's start. */
  startMs: number;
  latencyMs: number;
  /** Started by hedging rather than after a failure. */
  hedge: boolean;
  /** What this attempt cost; a hedge loser is billed for what it produced (estimated). Null when unpriced or unknown. */
  costMicros: number | null;
}

export interface RecordQuery {
  limit?: number;
  keyId?: string;
  since?: number;
  clientRequestId?: string;
}

export interface RecordRepository {
  insertBatch(records: RequestRecord[]): Promise<void>;
  /** Newest first. */
  list(query: RecordQuery): Promise<RequestRecord[]>;
  /**
   * Retention: deletes at most `limit` records (with their attempts) that started before `cutoff`
   * (epoch ms), oldest first, in one short transaction, and returns how many went. Callers loop
   * in small batches so inserts are never held up for long.
   */
  deleteOlderThan(cutoff: number, limit: number): Promise<number>;
}
