import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CanonicalRequest } from '../canonical/request.ts';
import { emptyUsage, type Usage } from '../canonical/usage.ts';
import type { EncodeContext, InboundCodec } from '../inbound/inbound-codec.ts';
import type { RelayResult } from '../providers/openai/openai-stream-relay.ts';
import { executeTargets, type AttemptResult } from '../router/execute-targets.ts';
import { planTargets, type PlannedTarget } from '../router/plan-targets.ts';
import { HttpError, invalidRequest } from '../server/http-error.ts';
import { readJsonBody } from '../server/read-json-body.ts';
import type { DataPlaneDeps } from './data-plane-deps.ts';
import { estimatePromptTokens } from './estimate-tokens.ts';
import { costHeader, meterUsage } from './meter-usage.ts';
import { openAIJsonAttempt } from './openai-json-attempt.ts';
import { openAIStreamAttempt } from './openai-stream-attempt.ts';
import type { RequestContext } from './request-context.ts';
import { bodyLimits, watchClient } from './request-lifecycle.ts';
import { resolveModel } from './resolve-model.ts';
import { sendJsonAnswer, type JsonAnswerOut } from './send-json-answer.ts';
import { switchyardHeaders } from './switchyard-headers.ts';
import { translatedJsonAttempt } from './translated-json-attempt.ts';
import { translatedStreamAttempt, type TranslatedStreamSummary } from './translated-stream-attempt.ts';
import { speaksOpenAIWire } from '../providers/speaks-openai-wire.ts';


/** What the stream saw, from either path, for metering. */
interface StreamSeen {
  usage?: Usage;
  deltas: number;
  firstTokenAt?: number;
  upstreamModel?: string;
  committed: boolean;
}

/**
 * A chat request in any inbound API (OpenAI chat, OpenAI Responses, Anthropic Messages).
 * Per target: an OpenAI chat request to an OpenAI-wire provider takes the byte-identity path
 * (unknown fields forwarded untouched); everything else is decoded to canonical once and
 * translated by the target's adapter. Errors and streams are encoded in the client's API.
 */
export async function handleChatRequest(req: IncomingMessage, res: ServerResponse, ctx: RequestContext, deps: DataPlaneDeps, codec: InboundCodec): Promise<void> {
  const rt = deps.runtime();
  const body = (await readJsonBody(req, bodyLimits(rt))).value as Record<string, unknown>;
  const route = resolveModel(rt, ctx.key!, body);
  ctx.requestedModel = route.name;
  const identityCapable = codec.api === 'openai-chat';
  if (identityCapable) validateOpenAIChatBasics(body);
  let canonical: CanonicalRequest | undefined;
  const decode = (): CanonicalRequest => {
    canonical ??= codec.decodeRequest(body);
    encodeCtx.request = canonical;
    return canonical;
  };
  const encodeCtx: EncodeContext = {
    requestId: ctx.id,
    publicModel: route.name,
    createdAt: Math.floor(ctx.startedAt / 1000),
    includeUsage: (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true,
  };
  if (!identityCapable || route.targets.some((t) => !speaksOpenAIWire(rt.providers.get(t.provider)!.config.type))) decode();
  const stream = identityCapable ? body.stream === true : decode().stream;
  ctx.stream = stream;
  const client = watchClient(res);
  const isIdentity = (t: PlannedTarget) => identityCapable && speaksOpenAIWire(rt.providers.get(t.provider)!.config.type);
  const adapterFor = (t: PlannedTarget) => {
    const p = rt.providers.get(t.provider)!;
    if (!p.adapter) throw new HttpError(501, 'server_error', 'provider_not_supported', `provider type ${p.config.type} is not available in this build`);
    return { p, adapter: p.adapter };
  };
  const onTarget = (t: PlannedTarget) => {
    ctx.provider = t.provider;
    ctx.upstreamModel = t.model;
    ctx.attempts++;
  };

  if (!stream) {
    const exec = await executeTargets<JsonAnswerOut>(planTargets(route), async (t) => {
      onTarget(t);
      if (isIdentity(t)) {
        const r = await openAIJsonAttempt(rt.providers.get(t.provider)!, '/chat/completions', JSON.stringify({ ...body, model: t.model }), client.signal);
        return r.ok ? { ok: true, value: { body: r.value.body, usage: r.value.usage, upstreamModel: r.value.upstreamModel, firstByteAt: r.value.firstByteAt } } : r;
      }
      const { p, adapter } = adapterFor(t);
      const r = await translatedJsonAttempt(p, adapter, { ...decode(), model: t.model, stream: false }, client.signal);
      if (!r.ok) return r;
      const out = r.value.response;
      return { ok: true, value: { body: JSON.stringify(codec.encodeResponse(out, encodeCtx)), usage: out.usage, upstreamModel: out.model || t.model, firstByteAt: r.value.firstByteAt } };
    }, () => client.signal.aborted);
    sendJsonAnswer(res, ctx, rt, exec);
    return;
  }

  let seen: StreamSeen | undefined;
  let inBandError: (err: HttpError) => string = openAIInBandError;
  const commit = () => {
    ctx.status = 200;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', trailer: 'x-switchyard-cost-usd', ...switchyardHeaders(ctx) });
  };
  const exec = await executeTargets<unknown>(planTargets(route), async (t): Promise<AttemptResult<unknown>> => {
    onTarget(t);
    if (isIdentity(t)) {
      inBandError = openAIInBandError;
      const payload = JSON.stringify({ ...body, model: t.model, stream: true, stream_options: { ...(body.stream_options as object), include_usage: true } });
      return openAIStreamAttempt(rt.providers.get(t.provider)!, payload, res, {
        clientWantsUsage: encodeCtx.includeUsage,
        client: client.signal,
        commit,
        onRelayEnd: (r: RelayResult) => {
          seen = { usage: r.usage, deltas: r.deltaChunks, firstTokenAt: r.firstTokenAt, upstreamModel: r.upstreamModel, committed: r.committed };
        },
      });
    }
    const { p, adapter } = adapterFor(t);
    const encoder = codec.createStreamEncoder(encodeCtx);
    inBandError = (err) => encoder.error(err);
    return translatedStreamAttempt(p, adapter, { ...decode(), model: t.model, stream: true }, res, {
      encoder,
      client: client.signal,
      commit,
      onEnd: (s: TranslatedStreamSummary) => {
        seen = s;
      },
    });
  }, () => client.signal.aborted);
  ctx.attempts = exec.attempts.length;

  if (seen) {
    if (seen.upstreamModel) ctx.upstreamModel = seen.upstreamModel;
    ctx.firstTokenAt = seen.firstTokenAt;
    if (seen.usage) meterUsage(ctx, rt, seen.usage, 'reported');
    else if (seen.committed || seen.deltas > 0) meterUsage(ctx, rt, { ...emptyUsage(), inputUncached: estimatePromptTokens(body), outputText: seen.deltas }, 'estimated');
  }
  if (exec.ok) {
    res.addTrailers({ 'x-switchyard-cost-usd': costHeader(ctx) });
    res.end();
    return;
  }
  ctx.errorClass = exec.failure.errorClass;
  if (!exec.committed) throw exec.failure.clientError;
  const err = exec.failure.clientError;
  ctx.status = err.status;
  ctx.errorMessage = err.message;
  if (res.destroyed) return;
  res.write(inBandError(err));
  res.addTrailers({ 'x-switchyard-cost-usd': costHeader(ctx) });
  res.end();
}

/** The checks the identity path needs before forwarding a body it does not decode. */
function validateOpenAIChatBasics(body: Record<string, unknown>): void {
  if (!Array.isArray(body.messages) || body.messages.length === 0) throw invalidRequest('invalid_messages', '"messages" must be a non-empty array', 'messages');
  if (body.stream !== undefined && body.stream !== null && typeof body.stream !== 'boolean') throw invalidRequest('invalid_stream', '"stream" must be a boolean', 'stream');
}

/** After the first byte an OpenAI chat stream can only report a failure in-band, and then ends without `[DONE]`. */
function openAIInBandError(err: HttpError): string {
  return `data: ${JSON.stringify({ error: { message: err.message, type: err.type, param: null, code: err.code } })}\n\n`;
}
