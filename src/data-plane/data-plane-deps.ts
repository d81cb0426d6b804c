import type { InboundCodec } from '../inbound/inbound-codec.ts';
import type { KeyIndex } from '../keys/key-index.ts';
import type { Logger } from '../observability/logger.ts';
import type { RecordWriter } from '../records/record-writer.ts';
import type { Runtime } from '../gateway/runtime.ts';
import type { RequestContext } from './request-context.ts';

/** What data-plane handlers need, passed in (no module-level state). */
export interface DataPlaneDeps {
  /** The current runtime; read once per request. */
  runtime: () => Runtime;
  keys: KeyIndex;
  records: RecordWriter;
  log: Logger;
  /** The inbound API codecs, by API. */
  codecs: Record<InboundCodec['api'], InboundCodec>;
  /** Called exactly once per request when it ends, however it ends. */
  onFinish: (ctx: RequestContext) => void;
}
