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
  const model = labelValue(ctx.requestedModel ?? '');
  const provider = labelValue(ctx.provider ?? '');
  m.inc('switchyard_requests_total', `endpoint="${ctx.endpoint}",model="${model}",provider="${provider}",status="${ctx.status}"`);
  m.observe('switchyard_request_duration_seconds', `endpoint="${ctx.endpoint}"`, durationMs / 1000);
  if (ctx.firstTokenAt != null) m.observe('switchyard_time_to_first_token_seconds', `endpoint="${ctx.endpoint}"`, (ctx.firstTokenAt - ctx.t0) / 1000);
  if (ctx.usageSource !== 'none') {
    m.inc('switchyard_tokens_total', `model="${model}",direction="input"`, totalInputTokens(ctx.usage));
    m.inc('switchyard_tokens_total', `model="${model}",direction="output"`, totalOutputTokens(ctx.usage));
  }
  if (ctx.costMicros) m.inc('switchyard_cost_micros_total', `model="${model}"`, ctx.costMicros);
}
