import type { ServerResponse } from 'node:http';
import type { Usage } from '../canonical/usage.ts';
import type { Runtime } from '../gateway/runtime.ts';
import type { Execution } from '../router/execute-targets.ts';
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

/**
 * Ends a non-streaming request: a failed walk of the targets throws its client error (recording
 * its class); a success is metered (hedge losers included) and sent with the gateway's headers and cost.
 */
export function sendJsonAnswer(res: ServerResponse, ctx: RequestContext, rt: Runtime, exec: Execution<JsonAnswerOut>, promptTokens: () => number): void {
  ctx.attempts = exec.attempts.length;
  ctx.attemptLog = exec.attempts;
  if (exec.target) {
    ctx.provider = exec.target.provider;
    ctx.upstreamModel = exec.target.model;
  }
  if (!exec.ok) {
    ctx.errorClass = exec.failure.errorClass;
    billAbandonedRequest(ctx, rt, exec.attempts, promptTokens);
    throw exec.failure.clientError;
  }
  const a = exec.value;
  ctx.upstreamModel = a.upstreamModel || exec.target.model;
  ctx.firstTokenAt = a.firstByteAt;
  if (a.usage) meterUsage(ctx, rt, a.usage, 'reported');
  billCancelledAttempts(ctx, rt, exec.attempts, promptTokens);
  ctx.status = 200;
  const length = typeof a.body === 'string' ? Buffer.byteLength(a.body) : a.body.length;
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': length, ...switchyardHeaders(ctx), 'x-switchyard-cost-usd': costHeader(ctx) });
  res.end(a.body);
}
