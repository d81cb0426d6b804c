import type { ServerResponse } from 'node:http';
import type { Usage } from '../canonical/usage.ts';
import type { Runtime } from '../gateway/runtime.ts';
import type { AttemptHandle, AttemptResult, Execution } from '../router/execute-targets.ts';
import type { PlannedTarget } from '../router/router-types.ts';
import type { AttemptRecord } from '../store/store-types.ts';
import { billAbandonedRequest, billCancelledAttempts } from './bill-cancelled-attempts.ts';
import { costHeader, meterUsage } from './meter-usage.ts';
import type { RequestContext } from './request-context.ts';
import { switchyardHeaders } from './switchyard-headers.ts';

/** A complete non-streaming answer, already in the client's API format. */
export interface JsonAnswerOut {
  body: Buffer | string;
  usage?: Usage;
  upstreamModel?: string;
  firstByteAt: number;
}

/** What sending a non-streaming answer needs besides the answer itself. */
export interface JsonAnswerSink {
  res: ServerResponse;
  ctx: RequestContext;
  rt: Runtime;
  /** The request's attempt log, shared with the executor: counted and billed when the answer is sent. */
  attempts: AttemptRecord[];
  /** Estimated prompt tokens, for billing hedges that lost the race. */
  promptTokens: () => number;
}

/**
 * Wraps a non-streaming attempt so that the answer that wins is sent the moment it is complete:
 * the executor's bookkeeping after an attempt (target health, metrics, the attempt record) then
 * runs after the client has its answer instead of before. An attempt that loses the claim (a hedge
 * already answered) returns its result unsent, and the executor treats it as cancelled.
 */
export function answerWhenWon<T extends JsonAnswerOut>(sink: JsonAnswerSink, attempt: (h: AttemptHandle) => Promise<AttemptResult<T>>): (h: AttemptHandle) => Promise<AttemptResult<T>> {
  return async (h) => {
    const r = await attempt(h);
    if (r.ok && h.claim()) sendJsonSuccess(sink, h.target, r.value);
    return r;
  };
}

/** Meters a won answer (hedge losers included) and sends it with the gateway's headers and cost. */
function sendJsonSuccess(sink: JsonAnswerSink, target: PlannedTarget, a: JsonAnswerOut): void {
  const { res, ctx, rt } = sink;
  ctx.attempts = sink.attempts.length;
  ctx.attemptLog = sink.attempts;
  ctx.provider = target.provider;
  ctx.upstreamModel = a.upstreamModel || target.model;
  ctx.firstTokenAt = a.firstByteAt;
  if (a.usage) meterUsage(ctx, rt, a.usage, 'reported');
  billCancelledAttempts(ctx, rt, sink.attempts, sink.promptTokens);
  ctx.status = 200;
  const length = typeof a.body === 'string' ? Buffer.byteLength(a.body) : a.body.length;
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': length, ...switchyardHeaders(ctx), 'x-switchyard-cost-usd': costHeader(ctx) });
  res.end(a.body);
  ctx.endedAt = performance.now();
}

/**
 * Ends a non-streaming request once the executor is done: the winner's answer has already gone out
 * (`answerWhenWon`), so this records the final attempt count; a failed walk of the targets throws its
 * client error (recording its class, and billing abandoned attempts when the client left).
 */
export function finishJsonRequest(sink: JsonAnswerSink, exec: Execution<JsonAnswerOut>): void {
  const { ctx } = sink;
  ctx.attempts = exec.attempts.length;
  ctx.attemptLog = exec.attempts;
  if (exec.ok) return;
  if (exec.target) {
    ctx.provider = exec.target.provider;
    ctx.upstreamModel = exec.target.model;
  }
  ctx.errorClass = exec.failure.errorClass;
  billAbandonedRequest(ctx, sink.rt, exec.attempts, sink.promptTokens);
  throw exec.failure.clientError;
}
