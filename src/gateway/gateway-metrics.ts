import { totalInputTokens, totalOutputTokens } from '../canonical/usage.ts';
import type { RequestContext } from '../data-plane/request-context.ts';
import { labelValue, Metrics } from '../observability/metrics.ts';
import type { RecordWriter } from '../records/record-writer.ts';
import type { TargetHealth } from '../router/target-health.ts';
import { renderTargetMetrics } from './render-target-metrics.ts';

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/** Adds the per-target series, read from target health at scrape time, and the label sets of recent requests. */
export class GatewayMetrics extends Metrics {
  private readonly health: TargetHealth;
  private readonly configured: (key: string) => boolean;
  /** The last label sets per route (see `labelsFor`); routes are configured names, so this is bounded by the config. */
  readonly memo = new Map<string, MemoEntry>();

  constructor(health: TargetHealth, configured: (key: string) => boolean) {
    super();
    this.health = health;
    this.configured = configured;
  }

  override render(): string {
    return super.render() + renderTargetMetrics(this.health, this.configured);
  }
}

/**
 * The gateway's Prometheus metrics. Every label value comes from the config (route names, provider ids,
 * configured targets), from the gateway's own fixed sets (endpoints, status codes, error classes), or
 * is capped (targets a wildcard route resolved from a client's model name, see `renderTargetMetrics`):
 * a client's model name never creates a series, so the scrape stays bounded whatever clients send.
 * `configured` says whether a target key is named by the config (not made by a wildcard route).
 */
export function createGatewayMetrics(records: RecordWriter, inFlight: () => number, health: TargetHealth, configured: (key: string) => boolean = () => true): GatewayMetrics {
  const m = new GatewayMetrics(health, configured);
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

export function observeRequest(m: GatewayMetrics, ctx: RequestContext, durationMs: number): void {
  const l = labelsFor(m.memo, ctx);
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

/** Routes whose last label sets are kept (a config may hold more; theirs are then built per request). */
const MEMO_MAX_ROUTES = 1000;

/**
 * The request's label sets, reused while a route's requests keep the same endpoint, provider and
 * status (the common case). The series maps then look up the same strings, whose hashes V8 keeps,
 * instead of building, flattening and hashing five new strings per request. The `model` label is the
 * route's configured name (empty when the request never reached a route: bad key, unknown model).
 */
function labelsFor(memo: Map<string, MemoEntry>, ctx: RequestContext): RequestLabels {
  const route = ctx.route ?? '';
  const hit = memo.get(route);
  if (hit && hit.endpoint === ctx.endpoint && hit.provider === ctx.provider && hit.status === ctx.status) return hit.labels;
  const model = labelValue(route);
  const labels: RequestLabels = {
    request: `endpoint="${ctx.endpoint}",model="${model}",provider="${labelValue(ctx.provider ?? '')}",status="${ctx.status}"`,
    endpoint: `endpoint="${ctx.endpoint}"`,
    inputTokens: `model="${model}",direction="input"`,
    outputTokens: `model="${model}",direction="output"`,
    cost: `model="${model}"`,
  };
  if (hit || memo.size < MEMO_MAX_ROUTES) memo.set(route, { endpoint: ctx.endpoint, provider: ctx.provider, status: ctx.status, labels });
  return labels;
}
