import type { IncomingMessage, ServerResponse } from 'node:http';
import { executeTargets } from '../router/execute-targets.ts';
import { planTargets } from '../router/plan-targets.ts';
import { invalidRequest } from '../server/http-error.ts';
import { readJsonBody } from '../server/read-json-body.ts';
import type { DataPlaneDeps } from './data-plane-deps.ts';
import { costHeader, meterUsage } from './meter-usage.ts';
import { openAIJsonAttempt } from './openai-json-attempt.ts';
import type { RequestContext } from './request-context.ts';
import { bodyLimits, watchClient } from './request-lifecycle.ts';
import { resolveModel } from './resolve-model.ts';
import { switchyardHeaders } from './switchyard-headers.ts';

/** `POST /v1/embeddings`. https://platform.openai.com/docs/api-reference/embeddings/create */
export async function handleEmbeddings(req: IncomingMessage, res: ServerResponse, ctx: RequestContext, deps: DataPlaneDeps): Promise<void> {
  const rt = deps.runtime();
  const body = (await readJsonBody(req, bodyLimits(rt))).value as Record<string, unknown>;
  const route = resolveModel(rt, ctx.key!, body);
  ctx.requestedModel = route.name;
  const input = body.input;
  const validInput = typeof input === 'string' || (Array.isArray(input) && input.length > 0);
  if (!validInput) throw invalidRequest('invalid_input', '"input" must be a string or a non-empty array of strings or token arrays', 'input');
  const client = watchClient(res);
  const exec = await executeTargets(planTargets(route), (t) => {
    ctx.provider = t.provider;
    ctx.upstreamModel = t.model;
    return openAIJsonAttempt(rt.providers.get(t.provider)!, '/embeddings', JSON.stringify({ ...body, model: t.model }), client.signal);
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
}
