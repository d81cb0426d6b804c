import type { IncomingMessage, ServerResponse } from 'node:http';
import { executeTargets } from '../router/execute-targets.ts';
import { attemptIO } from './attempt-io.ts';
import { planAcceptingFields } from './plan-accepting-fields.ts';
import { routeRequest } from './route-request.ts';
import { invalidRequest } from '../server/http-error.ts';
import { readJsonBody } from '../server/read-json-body.ts';
import type { DataPlaneDeps } from './data-plane-deps.ts';
import { openAIJsonAttempt, type JsonAnswer } from './openai-json-attempt.ts';
import { clientBodyOf, openAIWirePayload } from './openai-wire-payload.ts';
import { encodeOpenAIEmbeddings } from './encode-openai-embeddings.ts';
import { translatedEmbeddingsAttempt } from './translated-embeddings-attempt.ts';
import type { CanonicalEmbeddingRequest } from '../canonical/embeddings.ts';
import type { RequestContext } from './request-context.ts';
import { failureOf } from './live-requests.ts';
import { bodyLimits, watchClient } from './request-lifecycle.ts';
import { answerWhenWon, finishJsonRequest } from './send-json-answer.ts';
import type { AttemptRecord } from '../store/store-types.ts';
import { speaksOpenAIWire } from '../providers/speaks-openai-wire.ts';

/** `POST /v1/embeddings`. https://platform.openai.com/docs/api-reference/embeddings/create */
export async function handleEmbeddings(req: IncomingMessage, res: ServerResponse, ctx: RequestContext, deps: DataPlaneDeps): Promise<void> {
  const rt = deps.runtime();
  const read = await readJsonBody(req, bodyLimits(rt));
  const parsed = read.value as Record<string, unknown>;
  const routed = routeRequest(rt, deps.health, ctx.key!, parsed, false);
  ctx.requestedModel = routed.primary.requested;
  ctx.route = routed.primary.config.name;
  const clientBody = clientBodyOf(parsed, read);
  const body = clientBody.value;
  const input = body.input;
  const validInput = typeof input === 'string' || (Array.isArray(input) && input.length > 0);
  if (!validInput) throw invalidRequest('invalid_input', '"input" must be a string or a non-empty array of strings or token arrays', 'input');
  if (body.encoding_format != null && body.encoding_format !== 'float' && body.encoding_format !== 'base64') {
    throw invalidRequest('invalid_encoding_format', '"encoding_format" must be "float" or "base64"', 'encoding_format');
  }
  if (body.dimensions != null && (!Number.isInteger(body.dimensions) || (body.dimensions as number) < 1)) throw invalidRequest('invalid_dimensions', '"dimensions" must be a positive integer', 'dimensions');
  const plan = planAcceptingFields(routed.plan, body, rt, 'embeddings');
  const client = watchClient(res, deps.live);
  const sink = { res, ctx, rt, attempts: [] as AttemptRecord[], promptTokens: () => 0 };
  const execDeps = { gate: deps.health, client: client.signal, requestStart: ctx.t0, attempts: sink.attempts, onAttemptEnd: deps.onAttemptEnd, scrubber: rt.scrubber };
  const exec = await executeTargets<JsonAnswer>(plan, routed.policy, execDeps, answerWhenWon(sink, async (h) => {
    const t = h.target;
    const p = rt.providers.get(t.provider)!;
    if (speaksOpenAIWire(p.config.type)) return openAIJsonAttempt(p, '/embeddings', openAIWirePayload(clientBody, t.model, false), attemptIO(h));
    const r = await translatedEmbeddingsAttempt(p, p.adapter!, toCanonicalEmbeddings(body, t.model), attemptIO(h));
    if (!r.ok) return r;
    const format = body.encoding_format === 'base64' ? 'base64' : 'float';
    return { ok: true, value: { body: Buffer.from(encodeOpenAIEmbeddings(r.value, routed.primary.requested, format)), usage: r.value.usage, upstreamModel: r.value.model || t.model, firstByteAt: performance.now() } };
  }));
  finishJsonRequest(sink, exec.ok ? exec : { ...exec, failure: failureOf(client.signal, exec.failure) });
}


function toCanonicalEmbeddings(body: Record<string, unknown>, model: string): CanonicalEmbeddingRequest {
  const input = body.input;
  const list = typeof input === 'string' ? [input] : (input as unknown[]);
  const tokenArrays = list.every((x) => Array.isArray(x));
  if (!tokenArrays && !list.every((x) => typeof x === 'string')) throw invalidRequest('invalid_input', '"input" must be a string, an array of strings, or an array of token arrays', 'input');
  return {
    model,
    input: tokenArrays ? (list as number[][]) : (list as string[]),
    dimensions: typeof body.dimensions === 'number' ? body.dimensions : undefined,
    user: typeof body.user === 'string' ? body.user : undefined,
  };
}
