import type { InboundCodec } from '../inbound/inbound-codec.ts';
import type { KeyIndex } from '../keys/key-index.ts';
import type { Logger } from '../observability/logger.ts';
import type { RecordWriter } from '../records/record-writer.ts';
import type { Runtime } from '../gateway/runtime.ts';
import type { PlannedTarget, HealthView } from '../router/router-types.ts';
import type { TargetGate } from '../router/execute-targets.ts';
import type { AttemptRecord } from '../store/store-types.ts';
import type { LiveRequests } from './live-requests.ts';
import type { RequestContext } from './request-context.ts';

/** What data-plane handlers need, passed in (no module-level state). */
export interface DataPlaneDeps {
  /** The current runtime; read once per request. */
  runtime: () => Runtime;
  keys: KeyIndex;
  /** Per-target breakers and statistics: planning reads them, the executor admits attempts through them. */
  health: TargetGate & HealthView;
  /** Called when an upstream attempt ends, for metrics. */
  onAttemptEnd?: (target: PlannedTarget, outcome: AttemptRecord['outcome']) => void;
  records: RecordWriter;
  /** The requests in flight, which shutdown ends once its grace period is over. */
  live: LiveRequests;
  log: Logger;
  /** The inbound API codecs, by API. */
  codecs: Record<InboundCodec['api'], InboundCodec>;
  /** Called exactly once per authenticated request when it ends, however it ends. */
  onFinish: (ctx: RequestContext) => void;
  /** Called instead of `onFinish` for a request that failed authentication, with the error code (the reason). */
  onAuthFailure: (code: string) => void;
}
