import type { AttemptRecord, RequestRecord } from '../store/store-types.ts';
import { formatMicrosAsUsd } from '../money/format-micros.ts';

/** The admin API's JSON view of a request record (snake_case, ISO times, cost as a decimal string). */
export function recordView(r: RequestRecord) {
  return {
    id: r.id,
    client_request_id: r.clientRequestId,
    started_at: new Date(r.startedAt).toISOString(),
    key_id: r.keyId,
    endpoint: r.endpoint,
    requested_model: r.requestedModel,
    provider: r.provider,
    upstream_model: r.upstreamModel,
    stream: r.stream,
    status: r.status,
    error_class: r.errorClass,
    error_message: r.errorMessage,
    latency_ms: r.latencyMs,
    ttft_ms: r.ttftMs,
    usage: {
      input_uncached_tokens: r.usage.inputUncached,
      input_cache_read_tokens: r.usage.inputCacheRead,
      input_cache_write_tokens: r.usage.inputCacheWrite,
      output_text_tokens: r.usage.outputText,
      output_reasoning_tokens: r.usage.outputReasoning,
    },
    usage_source: r.usageSource,
    usage_invalid: r.usageInvalid ?? null,
    cost_micros: r.costMicros,
    cost_usd: usdOrNull(r.costMicros),
    attempts: r.attempts,
    attempt_log: r.attemptLog.map(attemptView),
  };
}

function attemptView(a: AttemptRecord) {
  return {
    provider: a.provider,
    model: a.model,
    outcome: a.outcome,
    upstream_status: a.upstreamStatus,
    start_ms: a.startMs,
    latency_ms: a.latencyMs,
    hedge: a.hedge,
    cost_usd: usdOrNull(a.costMicros),
  };
}

const usdOrNull = (micros: number | null): string | null => (micros == null ? null : formatMicrosAsUsd(micros));
