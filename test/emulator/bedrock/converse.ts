import type { RequestContext } from '../request-context.ts';
import { planConverse } from './converse-plan.ts';
import { parseConverseRequest } from './converse-request.ts';
import { converseResponseBody } from './converse-response.ts';
import { converseStreamFrames, exceptionFrame, malformedFrame } from './converse-stream.ts';
import { sendBedrockError } from './errors.ts';
import { parseModelPath } from './model-path.ts';
import { awsRequestId, sendAwsJson } from './send-aws-json.ts';
import { errorDetailOf } from '../error-detail-of.ts';
import { writeBinaryFrames } from './write-binary-frames.ts';

/** `POST /model/{modelId}/converse` (JSON) and `/converse-stream` (binary event stream). */
export async function handleConverse(ctx: RequestContext): Promise<void> {
  const route = parseModelPath(ctx.path)!;
  const parsed = parseConverseRequest(route.modelId, ctx.body);
  if (!parsed.ok) return sendBedrockError(ctx, 400, parsed.error);
  const plan = planConverse(parsed.request, ctx.directives, ctx.entry.id);
  if (route.operation === 'converse') return sendAwsJson(ctx, 200, converseResponseBody(plan));
  await writeBinaryFrames(
    ctx,
    { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': awsRequestId(ctx) },
    converseStreamFrames(plan),
    malformedFrame(),
    ctx.directives.error_after === undefined ? undefined : streamException(ctx),
  );
}

/** ConverseStream's mid-stream error: `modelStreamErrorException` unless `error_code` names another exception type. */
function streamException(ctx: RequestContext) {
  const code = ctx.directives.error_code;
  const type = code && /^[a-z][A-Za-z]+Exception$/.test(code) ? code : 'modelStreamErrorException';
  return exceptionFrame(type, errorDetailOf(ctx.directives, ctx.req).message ?? 'The model stream failed (emulated).');
}
