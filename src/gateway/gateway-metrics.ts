import { totalInputTokens, totalOutputTokens } from '../canonical/usage.ts';
import type { RequestContext } from '../data-plane/request-context.ts';
import { labelValue, Metrics } from '../observability/metrics.ts';
import type { RecordWriter } from '../records/record-writer.ts';
import type { TargetHealth } from '../router/target-health.ts';
import { renderTargetMetrics } from './render-target-metrics.ts';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/** Adds the per-target series, read from target health at scrape time. */
class GatewayMetrics extends Metrics {
  private readonly health: TargetHealth;

  constructor(health: TargetHealth) {
    super();
    this.health = health;
  }

  override render(): string {
    return super.render() + renderTargetMetrics(this.health);
  }
}

/**
 * The gateway's Prometheus metrics; labels only use configured names, status codes and target keys
 * (bounded by the target-health cap).
 */
export function createGatewayMetrics(records: RecordWriter, inFlight: () => number, health: TargetHealth): Metrics {
  const m = new GatewayMetrics(health);
  m.defineCounter('switchyard_requests_total', 'Data-plane requests by endpoint, model, provider and HTTP status.');
  m.defineCounter('switchyard_tokens_total', 'Tokens metered, by model and direction (input/output).');
  m.defineCounter('switchyard_cost_micros_total', 'Metered cost in micro-USD, by model.');
  m.defineHistogram('switchyard_request_duration_seconds', 'Data-plane request duration by endpoint.', LATENCY_BUCKETS);
  m.defineHistogram('switchyard_time_to_first_token_seconds', 'Time to first token (streams) or first byte, by endpoint.', LATENCY_BUCKETS);
  m.defineGauge('switchyard_in_flight_requests', 'Requests being served now.', inFlight);
  m.defineGauge('switchyard_records_queued', 'Request records waiting to be written.', () => records.getStats().queued);
  m.defineGauge('switchyard_records_written', 'Request records written since start.', () => records.getStats().written);
  m.defineGauge('switchyard_records_dropped', 'Request records dropped because the queue was full (store down too long).', () => records.getStats().dropped);
  return m;
}

export function observeRequest(m: Metrics, ctx: RequestContext, durationMs: number): void {
  const l = labelsFor(ctx);
  m.inc('switchyard_requests_total', l.request);
  m.observe('switchyard_request_duration_seconds', l.endpoint, durationMs / 1000);
  if (ctx.firstTokenAt != null) m.observe('switchyard_time_to_first_token_seconds', l.endpoint, (ctx.firstTokenAt - ctx.t0) / 1000);
  if (ctx.usageInvalid !== null) return;
  if (ctx.usageSource !== 'none') {
    m.inc('switchyard_tokens_total', l.inputTokens, totalInputTokens(ctx.usage));
    m.inc('switchyard_tokens_total', l.outputTokens, totalOutputTokens(ctx.usage));
  }
  if (ctx.costMicros) m.inc('switchyard_cost_micros_total', l.cost, ctx.costMicros);
}

/** The label sets one request's series are counted under. */
interface RequestLabels {
  request: string;
  endpoint: string;
  inputTokens: string;
  outputTokens: string;
  cost: string;
}

interface MemoEntry {
  endpoint: string;
  provider: string | null;
  status: number;
  labels: RequestLabels;
}

/** Requested models whose last label sets are kept; past this (a wildcard route seeing many names) labels are built per request. */
const MEMO_MAX_MODELS = 1000;
const memo = new Map<string, MemoEntry>();

/**
 * The request's label sets, reused while a model's requests keep the same endpoint, provider and
 * status (the common case). The series maps then look up the same strings, whose hashes V8 keeps,
 * instead of building, flattening and hashing five new strings per request.
 */
function labelsFor(ctx: RequestContext): RequestLabels {
  const requested = ctx.requestedModel ?? '';
  const hit = memo.get(requested);
  if (hit && hit.endpoint === ctx.endpoint && hit.provider === ctx.provider && hit.status === ctx.status) return hit.labels;
  const model = labelValue(requested);
  const labels: RequestLabels = {
    request: `endpoint="${ctx.endpoint}",model="${model}",provider="${labelValue(ctx.provider ?? '')}",status="${ctx.status}"`,
    endpoint: `endpoint="${ctx.endpoint}"`,
    inputTokens: `model="${model}",direction="input"`,
    outputTokens: `model="${model}",direction="output"`,
    cost: `model="${model}"`,
  };
  if (hit || memo.size < MEMO_MAX_MODELS) memo.set(requested, { endpoint: ctx.endpoint, provider: ctx.provider, status: ctx.status, labels });
  return labels;
}
