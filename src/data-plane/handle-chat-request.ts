import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CanonicalRequest } from '../canonical/request.ts';
import { emptyUsage, saneOutputTokens, type Usage } from '../canonical/usage.ts';
import type { EncodeContext, InboundCodec } from '../inbound/inbound-codec.ts';
import { readAnthropicBetas } from '../inbound/anthropic-messages/read-anthropic-beta.ts';
import type { RelayResult } from '../providers/openai/openai-stream-relay.ts';
import { speaksOpenAIWire } from '../providers/speaks-openai-wire.ts';
import { executeTargets, type AttemptHandle, type AttemptResult } from '../router/execute-targets.ts';
import type { PlannedTarget } from '../router/router-types.ts';
import { HttpError, invalidRequest } from '../server/http-error.ts';
import { readJsonBody } from '../server/read-json-body.ts';
import type { AttemptRecord } from '../store/store-types.ts';
import { attemptIO } from './attempt-io.ts';
import { billAbandonedRequest, billCancelledAttempts } from './bill-cancelled-attempts.ts';
import type { DataPlaneDeps } from './data-plane-deps.ts';
import { estimatePromptTokens } from './estimate-tokens.ts';
import { costHeader, meterUsage } from './meter-usage.ts';
import { openAIJsonAttempt } from './openai-json-attempt.ts';
import { openAIStreamAttempt } from './openai-stream-attempt.ts';
import { clientBodyOf, openAIWirePayload } from './openai-wire-payload.ts';
import { planAcceptingFields } from './plan-accepting-fields.ts';
import type { RequestContext } from './request-context.ts';
import { failureOf } from './live-requests.ts';
import { bodyLimits, watchClient } from './request-lifecycle.ts';
import { routeRequest } from './route-request.ts';
import { answerWhenWon, finishJsonRequest, type JsonAnswerOut } from './send-json-answer.ts';
import { switchyardHeaders } from './switchyard-headers.ts';
import { translatedJsonAttempt } from './translated-json-attempt.ts';
import { translatedStreamAttempt, type TranslatedStreamSummary } from './translated-stream-attempt.ts';

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
 * (bytes forwarded untouched, once the top-level fields are known to be ones that upstream accepts:
 * `planAcceptingFields`); everything else is decoded to canonical once and
 * translated by the target's adapter. Errors and streams are encoded in the client's API.
 */
export async function handleChatRequest(req: IncomingMessage, res: ServerResponse, ctx: RequestContext, deps: DataPlaneDeps, codec: InboundCodec): Promise<void> {
  const rt = deps.runtime();
  const betas = codec.api === 'anthropic-messages' ? readAnthropicBetas(req.headers) : undefined;
  const read = await readJsonBody(req, bodyLimits(rt));
  const parsed = read.value as Record<string, unknown>;
  const routed = routeRequest(rt, deps.health, ctx.key!, parsed, parsed.stream === true);
  ctx.requestedModel = routed.primary.requested;
  ctx.route = routed.primary.config.name;
  const clientBody = clientBodyOf(parsed, read);
  const body = clientBody.value;
  const identityCapable = codec.api === 'openai-chat';
  if (identityCapable) validateOpenAIChatBasics(body);
  const plan = identityCapable ? planAcceptingFields(routed.plan, body, rt, 'chat') : routed.plan;
  let canonical: CanonicalRequest | undefined;
  const decode = (): CanonicalRequest => {
    if (canonical === undefined) {
      canonical = codec.decodeRequest(body);
      if (betas !== undefined) canonical.anthropicBetas = betas;
    }
    encodeCtx.request = canonical;
    return canonical;
  };
  const encodeCtx: EncodeContext = {
    requestId: ctx.id,
    publicModel: routed.primary.requested,
    createdAt: Math.floor(ctx.startedAt / 1000),
    includeUsage: (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true,
  };
  const isIdentity = (t: PlannedTarget) => identityCapable && speaksOpenAIWire(rt.providers.get(t.provider)!.config.type);
  if (!plan.every(isIdentity)) decode();
  const stream = identityCapable ? body.stream === true : decode().stream;
  ctx.stream = stream;
  const client = watchClient(res, deps.live);
  const adapterFor = (t: PlannedTarget) => {
    const p = rt.providers.get(t.provider)!;
    if (!p.adapter) throw new HttpError(501, 'server_error', 'provider_not_supported', `provider type ${p.config.type} is not available in this build`);
    return { p, adapter: p.adapter };
  };
  const attempts: AttemptRecord[] = [];
  ctx.attemptLog = attempts;
  const execDeps = { gate: deps.health, client: client.signal, requestStart: ctx.t0, attempts, onAttemptEnd: deps.onAttemptEnd, scrubber: rt.scrubber };

  if (!stream) {
    const sink = { res, ctx, rt, attempts, promptTokens: () => estimatePromptTokens(body) };
    const exec = await executeTargets<JsonAnswerOut>(plan, routed.policy, execDeps, answerWhenWon<JsonAnswerOut>(sink, async (h) => {
      const t = h.target;
      if (isIdentity(t)) {
        const r = await openAIJsonAttempt(rt.providers.get(t.provider)!, '/chat/completions', openAIWirePayload(clientBody, t.model, false), attemptIO(h));
        return r.ok ? { ok: true, value: r.value, outputTokens: saneOutputTokens(r.value.usage) } : r;
      }
      const { p, adapter } = adapterFor(t);
      const r = await translatedJsonAttempt(p, adapter, { ...decode(), model: t.model, stream: false }, attemptIO(h));
      if (!r.ok) return r;
      const out = r.value.response;
      return { ok: true, outputTokens: saneOutputTokens(out.usage), value: { body: JSON.stringify(codec.encodeResponse(out, encodeCtx)), usage: out.usage, upstreamModel: out.model || t.model, firstByteAt: r.value.firstByteAt } };
    }));
    finishJsonRequest(sink, exec.ok ? exec : { ...exec, failure: failureOf(client.signal, exec.failure) });
    return;
  }

  let seen: StreamSeen | undefined;
  let inBandError: (err: HttpError) => string = openAIInBandError;
  const commitFor = (h: AttemptHandle) => () => {
    if (!h.claim()) return false;
    ctx.provider = h.target.provider;
    ctx.upstreamModel = h.target.model;
    ctx.status = 200;
    ctx.attempts = attempts.length;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', trailer: 'x-switchyard-cost-usd', ...switchyardHeaders(ctx) });
    return true;
  };
  const meterSeen = () => {
    if (!seen) return;
    if (seen.upstreamModel) ctx.upstreamModel = seen.upstreamModel;
    ctx.firstTokenAt = seen.firstTokenAt;
    if (seen.usage) meterUsage(ctx, rt, seen.usage, 'reported');
    else if (seen.committed || seen.deltas > 0) meterUsage(ctx, rt, { ...emptyUsage(), inputUncached: estimatePromptTokens(body), outputText: seen.deltas }, 'estimated');
  };
  /**
   * Ends a stream that finished cleanly: usage and cost are final once the last event is in, so the
   * cost trailer and the terminating chunk go out with it. Losing hedges were marked cancelled when
   * this attempt claimed the response, so their prompt cost is known too.
   */
  let ended = false;
  const endCleanStream = () => {
    if (ended) return;
    ended = true;
    meterSeen();
    billCancelledAttempts(ctx, rt, attempts, () => estimatePromptTokens(body));
    res.addTrailers({ 'x-switchyard-cost-usd': costHeader(ctx) });
    res.end();
    ctx.endedAt = performance.now();
  };
  const fromRelay = (r: RelayResult): StreamSeen => ({ usage: r.usage, deltas: r.deltaChunks, firstTokenAt: r.firstTokenAt, upstreamModel: r.upstreamModel, committed: r.committed });
  const result = await executeTargets<unknown>(plan, routed.policy, execDeps, async (h): Promise<AttemptResult<unknown>> => {
    const t = h.target;
    if (isIdentity(t)) {
      return openAIStreamAttempt(rt.providers.get(t.provider)!, openAIWirePayload(clientBody, t.model, true), res, {
        clientWantsUsage: encodeCtx.includeUsage,
        io: attemptIO(h),
        commit: commitFor(h),
        onDone: (r: RelayResult) => {
          inBandError = openAIInBandError;
          seen = fromRelay(r);
          endCleanStream();
        },
        onRelayEnd: (r: RelayResult) => {
          if (!r.committed || ended) return;
          inBandError = openAIInBandError;
          seen = fromRelay(r);
        },
      });
    }
    const { p, adapter } = adapterFor(t);
    const encoder = codec.createStreamEncoder(encodeCtx);
    return translatedStreamAttempt(p, adapter, { ...decode(), model: t.model, stream: true }, res, {
      encoder,
      io: attemptIO(h),
      commit: commitFor(h),
      onEnd: (s: TranslatedStreamSummary) => {
        if (!s.committed) return;
        inBandError = (err) => encoder.error(err);
        seen = s;
      },
    });
  });
  ctx.attempts = attempts.length;
  if (result.target && !ended) {
    ctx.provider = result.target.provider;
    ctx.upstreamModel = result.target.model;
  }
  if (result.ok) {
    endCleanStream();
    return;
  }
  meterSeen();
  billCancelledAttempts(ctx, rt, attempts, () => estimatePromptTokens(body));
  const failure = failureOf(client.signal, result.failure);
  ctx.errorClass = failure.errorClass;
  if (!result.committed) {
    billAbandonedRequest(ctx, rt, attempts, () => estimatePromptTokens(body));
    throw failure.clientError;
  }
  const err = failure.clientError;
  ctx.status = err.status;
  ctx.errorMessage = err.message;
  if (res.destroyed || res.writableEnded) return;
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
