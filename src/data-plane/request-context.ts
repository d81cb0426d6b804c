import type { Usage } from '../canonical/usage.ts';
import { emptyUsage } from '../canonical/usage.ts';
import type { AttemptRecord, ErrorClass, RequestRecord, VirtualKeyRecord } from '../store/store-types.ts';

/**
 * What the pipeline learns about one data-plane request as it goes; turned into a
 * `RequestRecord` when the request ends, however it ends.
 */
export interface RequestContext {
  /** The gateway's own request id (UUIDv7): the record's id and the response's `x-request-id`. */
  id: string;
  /** The caller's own id for correlation (`x-client-request-id` or `x-request-id`), when safe. */
  clientRequestId: string | null;
  startedAt: number;
  /** performance.now() at arrival, for latencies. */
  t0: number;
  endpoint: string;
  key?: VirtualKeyRecord;
  requestedModel: string | null;
  /**
   * The configured route that took the request: its name (an alias resolves to it, a wildcard route is
   * its pattern, e.g. `openai/*`). Never a name only the client chose, so metrics may label by it.
   */
  route: string | null;
  provider: string | null;
  upstreamModel: string | null;
  stream: boolean;
  status: number;
  errorClass: ErrorClass | null;
  errorMessage: string | null;
  firstTokenAt?: number;
  /** performance.now() when the response was ended, when that is before the handler returns (a stream ended at its last event). */
  endedAt?: number;
  usage: Usage;
  usageSource: RequestRecord['usageSource'];
  /** The provider's usage as text when it failed the sanity check (`meterUsage`); `usage` is then zero. */
  usageInvalid: string | null;
  costMicros: number | null;
  attempts: number;
  /** Every upstream attempt, in start order; becomes the record's `attemptLog`. */
  attemptLog: AttemptRecord[];
}

export function newRequestContext(id: string, endpoint: string): RequestContext {
  return {
    id,
    clientRequestId: null,
    startedAt: Date.now(),
    t0: performance.now(),
    endpoint,
    requestedModel: null,
    route: null,
    provider: null,
    upstreamModel: null,
    stream: false,
    status: 0,
    errorClass: null,
    errorMessage: null,
    usage: emptyUsage(),
    usageSource: 'none',
    usageInvalid: null,
    costMicros: null,
    attempts: 0,
    attemptLog: [],
  };
}

export function toRequestRecord(ctx: RequestContext, endedAt: number): RequestRecord {
  return {
    id: ctx.id,
    clientRequestId: ctx.clientRequestId,
    startedAt: ctx.startedAt,
    keyId: ctx.key?.id ?? null,
    endpoint: ctx.endpoint,
    requestedModel: ctx.requestedModel,
    provider: ctx.provider,
    upstreamModel: ctx.upstreamModel,
    stream: ctx.stream,
    status: ctx.status,
    errorClass: ctx.errorClass,
    errorMessage: ctx.errorMessage,
    latencyMs: endedAt - ctx.t0,
    ttftMs: ctx.firstTokenAt == null ? null : ctx.firstTokenAt - ctx.t0,
    usage: { ...ctx.usage, raw: undefined },
    usageSource: ctx.usageSource,
    usageInvalid: ctx.usageInvalid,
    costMicros: ctx.costMicros,
    attempts: ctx.attempts,
    attemptLog: ctx.attemptLog,
  };
}
