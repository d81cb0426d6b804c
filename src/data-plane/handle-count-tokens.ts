import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CanonicalRequest } from '../canonical/request.ts';
import type { ProviderRuntime } from '../gateway/runtime.ts';
import type { InboundCodec } from '../inbound/inbound-codec.ts';
import { readAnthropicBetas } from '../inbound/anthropic-messages/read-anthropic-beta.ts';
import type { ProviderAdapter, UpstreamRequest } from '../providers/provider-adapter.ts';
import { executeTargets, type AttemptResult, type TargetGate } from '../router/execute-targets.ts';
import type { PlannedTarget } from '../router/router-types.ts';
import { sendJson } from '../server/http-error.ts';
import { readJsonBody } from '../server/read-json-body.ts';
import type { AttemptRecord } from '../store/store-types.ts';
import { attemptDeadline } from '../upstream/attempt-deadline.ts';
import { classifyTransportError, type UpstreamFailure } from '../upstream/upstream-failure.ts';
import { attemptIO } from './attempt-io.ts';
import type { DataPlaneDeps } from './data-plane-deps.ts';
import { encodeFailure } from './encode-failure.ts';
import { estimateInputTokens } from './estimate-tokens.ts';
import { clientBodyOf } from './openai-wire-payload.ts';
import { badResponse } from './openai-json-attempt.ts';
import { isProtocolError, protocolFailure } from './protocol-failure.ts';
import type { RequestContext } from './request-context.ts';
import { bodyLimits, watchClient } from './request-lifecycle.ts';
import { routeRequest } from './route-request.ts';
import { sendEncoded } from './send-translated.ts';
import { requestIdHeaders, switchyardHeaders } from './switchyard-headers.ts';

const MAX_COUNT_RESPONSE_BYTES = 64 * 1024;

/** A target that can count, with its encoded counting request. */
interface Counter {
  target: PlannedTarget;
  p: ProviderRuntime;
  adapter: ProviderAdapter;
  encoded: UpstreamRequest;
}

/**
 * `POST /v1/messages/count_tokens` (Anthropic's token counting, which Claude Code calls): authenticated and
 * routed like `/v1/messages`, then forwarded to the planned targets whose provider counts (Anthropic,
 * Gemini, Vertex, OpenAI), with retries and failover among them. When no planned target counts, the
 * answer is the gateway's estimate (`estimateInputTokens`). Always `{"input_tokens": N}`. Counting is
 * free, so the request is recorded with a cost of zero and no usage.
 * https://docs.anthropic.com/en/api/messages-count-tokens
 */
export async function handleCountTokens(req: IncomingMessage, res: ServerResponse, ctx: RequestContext, deps: DataPlaneDeps, codec: InboundCodec): Promise<void> {
  const rt = deps.runtime();
  const betas = readAnthropicBetas(req.headers);
  const read = await readJsonBody(req, bodyLimits(rt));
  const parsed = read.value as Record<string, unknown>;
  const routed = routeRequest(rt, deps.health, ctx.key!, parsed, false);
  const body = clientBodyOf(parsed, read).value;
  ctx.requestedModel = routed.primary.requested;
  ctx.costMicros = 0;
  const canonical = codec.decodeRequest({ ...body, max_tokens: 1, stream: false });
  delete canonical.maxOutputTokens;
  if (betas !== undefined) canonical.anthropicBetas = betas;

  const counters = new Map<string, Counter>();
  const plan: PlannedTarget[] = [];
  let untranslatable: UpstreamFailure | undefined;
  for (const target of routed.plan) {
    const counter = counterFor(target, rt.providers.get(target.provider)!, canonical);
    if (counter === undefined) continue;
    if ('failure' in counter) {
      if (counter.failure.action === 'return') throw counter.failure.clientError;
      untranslatable ??= counter.failure;
      continue;
    }
    counters.set(target.key, counter);
    plan.push(target);
  }
  if (plan.length === 0 && untranslatable !== undefined) throw untranslatable.clientError;
  if (plan.length === 0) {
    ctx.status = 200;
    sendJson(res, 200, { input_tokens: estimateInputTokens(body) }, requestIdHeaders(ctx));
    return;
  }

  const client = watchClient(res, deps.live);
  const attempts: AttemptRecord[] = [];
  ctx.attemptLog = attempts;
  const exec = await executeTargets<number>(plan, routed.policy, { gate: countingGate(deps.health), client: client.signal, requestStart: ctx.t0, attempts, onAttemptEnd: deps.onAttemptEnd }, async (h) => {
    return countOn(counters.get(h.target.key)!, attemptIO(h));
  });
  ctx.attempts = attempts.length;
  if (exec.target) {
    ctx.provider = exec.target.provider;
    ctx.upstreamModel = exec.target.model;
  }
  if (!exec.ok) {
    ctx.errorClass = exec.failure.errorClass;
    throw exec.failure.clientError;
  }
  ctx.status = 200;
  sendJson(res, 200, { input_tokens: exec.value }, switchyardHeaders(ctx));
}

function counterFor(target: PlannedTarget, p: ProviderRuntime, canonical: CanonicalRequest): Counter | { failure: UpstreamFailure } | undefined {
  const adapter = p.adapter;
  if (adapter?.countTokens === undefined) return undefined;
  try {
    const encoded = adapter.countTokens.encode({ ...canonical, model: target.model }, p.config);
    return encoded === undefined ? undefined : { target, p, adapter, encoded };
  } catch (err) {
    return { failure: encodeFailure(p.config.id, err) };
  }
}

async function countOn(c: Counter, io: ReturnType<typeof attemptIO>): Promise<AttemptResult<number>> {
  const d = attemptDeadline(io);
  try {
    const sent = await sendEncoded(c.p, c.adapter, c.encoded, d);
    if (!sent.ok) return { ok: false, committed: false, failure: sent.failure };
    const text = await sent.res.body.readText(MAX_COUNT_RESPONSE_BYTES);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, committed: false, failure: badResponse(c.p.config.id, 'a token count that is not valid JSON') };
    }
    return { ok: true, value: c.adapter.countTokens!.decode(json) };
  } catch (err) {
    if (isProtocolError(err)) return { ok: false, committed: false, failure: protocolFailure(c.p.config.id, err) };
    return { ok: false, committed: false, failure: classifyTransportError(c.p.config.id, err, d.timeouts, d.signals) };
  } finally {
    d.dispose();
  }
}

/**
 * Target health as counting calls report to it: failures count against the breaker like any attempt's,
 * but a successful count is a neutral end, so quick count answers do not skew the latency and
 * time-to-first-token averages that routing strategies and hedging read.
 */
function countingGate(health: TargetGate): TargetGate {
  return {
    stats: (key) => health.stats(key),
    begin(key) {
      const ticket = health.begin(key);
      if (ticket === undefined) return undefined;
      return { succeeded: () => ticket.released('ok'), failed: (errorClass) => ticket.failed(errorClass), released: (outcome) => ticket.released(outcome) };
    },
  };
}
