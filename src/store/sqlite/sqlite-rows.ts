import type { AttemptRecord, ErrorClass, KeyRole, RequestRecord, VirtualKeyRecord } from '../store-types.ts';

export type Row = Record<string, unknown>;

const num = (v: unknown): number | null => (v == null ? null : Number(v));

export function keyFromRow(r: Row): VirtualKeyRecord {
  return {
    id: String(r.id),
    name: String(r.name),
    prefix: String(r.prefix),
    hash: String(r.hash),
    role: r.role as KeyRole,
    models: r.models == null ? null : (JSON.parse(String(r.models)) as string[]),
    createdAt: Number(r.created_at),
    expiresAt: num(r.expires_at),
    revokedAt: num(r.revoked_at),
  };
}

export type SqlParams = (string | number | null)[];

/** A record's insert parameters and its attempts'. */
export interface RecordParams {
  record: SqlParams;
  attempts: SqlParams[];
}

/**
 * The parameters that store a record. The store's client sends these to its worker instead of the
 * record: a structured clone of arrays of values skips the key strings of every object, about half
 * of the serialization the event loop pays per record.
 */
export function recordParams(r: RequestRecord): RecordParams {
  return { record: recordToParams(r), attempts: r.attemptLog.map((a, seq) => attemptToParams(r.id, seq, a)) };
}

export function recordToParams(r: RequestRecord): SqlParams {
  return [
    r.id, r.startedAt, r.keyId, r.endpoint, r.requestedModel, r.provider, r.upstreamModel, r.stream ? 1 : 0, r.status,
    r.errorClass, r.errorMessage, Math.round(r.latencyMs), r.ttftMs == null ? null : Math.round(r.ttftMs),
    r.usage.inputUncached, r.usage.inputCacheRead, r.usage.inputCacheWrite, r.usage.outputText, r.usage.outputReasoning,
    r.usageSource, r.costMicros, r.attempts, r.clientRequestId, r.usageInvalid ?? null,
  ];
}

export function recordFromRow(r: Row): RequestRecord {
  return {
    id: String(r.id),
    clientRequestId: r.client_request_id == null ? null : String(r.client_request_id),
    startedAt: Number(r.started_at),
    keyId: r.key_id == null ? null : String(r.key_id),
    endpoint: String(r.endpoint),
    requestedModel: r.requested_model == null ? null : String(r.requested_model),
    provider: r.provider == null ? null : String(r.provider),
    upstreamModel: r.upstream_model == null ? null : String(r.upstream_model),
    stream: Number(r.stream) === 1,
    status: Number(r.status),
    errorClass: (r.error_class ?? null) as ErrorClass | null,
    errorMessage: r.error_message == null ? null : String(r.error_message),
    latencyMs: Number(r.latency_ms),
    ttftMs: num(r.ttft_ms),
    usage: {
      inputUncached: Number(r.input_uncached_tokens),
      inputCacheRead: Number(r.input_cache_read_tokens),
      inputCacheWrite: Number(r.input_cache_write_tokens),
      outputText: Number(r.output_text_tokens),
      outputReasoning: Number(r.output_reasoning_tokens),
    },
    usageSource: r.usage_source as RequestRecord['usageSource'],
    usageInvalid: r.usage_invalid == null ? null : String(r.usage_invalid),
    costMicros: num(r.cost_micros),
    attempts: Number(r.attempts),
    attemptLog: [],
  };
}

/** `seq` is the attempt's index in the record's `attemptLog`, which keeps start order on the way back. */
export function attemptToParams(requestId: string, seq: number, a: AttemptRecord): SqlParams {
  return [
    requestId, seq, a.provider, a.model, a.outcome, a.upstreamStatus, Math.round(a.startMs), Math.round(a.latencyMs),
    a.hedge ? 1 : 0, a.costMicros,
  ];
}

export function attemptFromRow(r: Row): AttemptRecord {
  return {
    provider: String(r.provider),
    model: String(r.model),
    outcome: r.outcome as AttemptRecord['outcome'],
    upstreamStatus: num(r.upstream_status),
    startMs: Number(r.start_ms),
    latencyMs: Number(r.latency_ms),
    hedge: Number(r.hedge) === 1,
    costMicros: num(r.cost_micros),
  };
}
