import type { IncomingMessage, ServerResponse } from 'node:http';
import { emptyUsage } from '../canonical/usage.ts';
import { executeTargets } from '../router/execute-targets.ts';
import { planTargets } from '../router/plan-targets.ts';
import { type HttpError, invalidRequest } from '../server/http-error.ts';
import { readJsonBody } from '../server/read-json-body.ts';
import type { RelayResult } from '../providers/openai/openai-stream-relay.ts';
import type { DataPlaneDeps } from './data-plane-deps.ts';
import { estimatePromptTokens } from './estimate-tokens.ts';
import { costHeader, meterUsage } from './meter-usage.ts';
import { openAIJsonAttempt } from './openai-json-attempt.ts';
import { openAIStreamAttempt } from './openai-stream-attempt.ts';
import type { RequestContext } from './request-context.ts';
import { resolveModel } from './resolve-model.ts';
import { switchyardHeaders } from './switchyard-headers.ts';
import { bodyLimits, watchClient } from './request-lifecycle.ts';

/** `POST /v1/chat/completions`, streaming and not. https://platform.openai.com/docs/api-reference/chat/create */
export async function handleChatCompletions(req: IncomingMessage, res: ServerResponse, ctx: RequestContext, deps: DataPlaneDeps): Promise<void> {
  const rt = deps.runtime();
  const body = (await readJsonBody(req, bodyLimits(rt))).value as Record<string, unknown>;
  const route = resolveModel(rt, ctx.key!, body);
  ctx.requestedModel = route.name;
  if (!Array.isArray(body.messages) || body.messages.length === 0) throw invalidRequest('invalid_messages', '"messages" must be a non-empty array', 'messages');
  if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean') throw invalidRequest('invalid_stream', '"stream" must be a boolean', 'stream');
  const stream = body.stream === true;
  ctx.stream = stream;
  const client = watchClient(res);

  if (!stream) {
    const exec = await executeTargets(planTargets(route), (t) => {
      ctx.provider = t.provider;
      ctx.upstreamModel = t.model;
      return openAIJsonAttempt(rt.providers.get(t.provider)!, '/chat/completions', JSON.stringify({ ...body, model: t.model }), client.signal);
    }, () => client.signal.aborted);
    ctx.attempts = exec.attempts.length;
    if (!exec.ok) {
      ctx.errorClass = exec.failure.errorClass;
      throw exec.failure.clientError;
    }
    const a = exec.value;
    ctx.upstreamModel = a.upstreamModel ?? exec.target.model;
    ctx.firstTokenAt = a.firstByteAt;
    if (a.usage) meterUsage(ctx, rt, a.usage, 'reported');
    ctx.status = 200;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': a.body.length, ...switchyardHeaders(ctx), 'x-switchyard-cost-usd': costHeader(ctx) });
    res.end(a.body);
    return;
  }

  const clientWantsUsage = (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
  let last: RelayResult | undefined;
  const exec = await executeTargets(planTargets(route), (t) => {
    ctx.provider = t.provider;
    ctx.upstreamModel = t.model;
    ctx.attempts++;
    const payload = JSON.stringify({ ...body, model: t.model, stream: true, stream_options: { ...(body.stream_options as object), include_usage: true } });
    return openAIStreamAttempt(rt.providers.get(t.provider)!, payload, res, {
      clientWantsUsage,
      client: client.signal,
      commit: () => {
        ctx.status = 200;
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', trailer: 'x-switchyard-cost-usd', ...switchyardHeaders(ctx) });
      },
      onRelayEnd: (r) => {
        last = r;
      },
    });
  }, () => client.signal.aborted);
  ctx.attempts = exec.attempts.length;

  if (last) {
    if (last.upstreamModel) ctx.upstreamModel = last.upstreamModel;
    ctx.firstTokenAt = last.firstTokenAt;
    if (last.usage) meterUsage(ctx, rt, last.usage, 'reported');
    else if (last.committed || last.deltaChunks > 0) meterUsage(ctx, rt, { ...emptyUsage(), inputUncached: estimatePromptTokens(body), outputText: last.deltaChunks }, 'estimated');
  }
  if (exec.ok) {
    res.addTrailers({ 'x-switchyard-cost-usd': costHeader(ctx) });
    res.end();
    return;
  }
  ctx.errorClass = exec.failure.errorClass;
  if (!exec.committed) throw exec.failure.clientError;
  endStreamWithError(res, ctx, exec.failure.clientError);
}

/** After the first byte, a failure can only be reported in-band: an `error` event, then the end (never `[DONE]`). */
function endStreamWithError(res: ServerResponse, ctx: RequestContext, err: HttpError): void {
  ctx.status = err.status;
  ctx.errorMessage = err.message;
  if (res.destroyed) return;
  res.write(`data: ${JSON.stringify({ error: { message: err.message, type: err.type, param: null, code: err.code } })}\n\n`);
  res.addTrailers({ 'x-switchyard-cost-usd': costHeader(ctx) });
  res.end();
}
