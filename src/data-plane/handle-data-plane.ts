import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticateSecret, bearerSecret } from '../auth/authenticate-request.ts';
import { endFailedResponse } from '../server/end-failed-response.ts';
import { HttpError, sendError, sendJson } from '../server/http-error.ts';
import type { ErrorClass, VirtualKeyRecord } from '../store/store-types.ts';
import type { TextScrubber } from '../upstream/scrub-failure.ts';
import type { DataPlaneDeps } from './data-plane-deps.ts';
import type { InboundCodec } from '../inbound/inbound-codec.ts';
import { handleChatRequest } from './handle-chat-request.ts';
import { handleEmbeddings } from './handle-embeddings.ts';
import { handleCountTokens } from './handle-count-tokens.ts';
import { handleModels, handleRetrieveModel } from './handle-models.ts';
import { newRequestContext } from './request-context.ts';
import { clientRequestId, newRequestId } from './request-id.ts';
import { requestIdHeaders, switchyardHeaders } from './switchyard-headers.ts';

interface Endpoint {
  method: string;
  endpoint: string;
  /** The inbound API whose request, response and error shapes this endpoint speaks. */
  api?: InboundCodec['api'];
}

const ENDPOINTS: Record<string, Endpoint> = {
  '/v1/chat/completions': { method: 'POST', endpoint: 'chat.completions', api: 'openai-chat' },
  '/v1/responses': { method: 'POST', endpoint: 'responses', api: 'openai-responses' },
  '/v1/messages': { method: 'POST', endpoint: 'messages', api: 'anthropic-messages' },
  '/v1/embeddings': { method: 'POST', endpoint: 'embeddings' },
  '/v1/messages/count_tokens': { method: 'POST', endpoint: 'messages.count_tokens', api: 'anthropic-messages' },
  '/v1/models': { method: 'GET', endpoint: 'models' },
};
const RETRIEVE_MODEL: Endpoint = { method: 'GET', endpoint: 'models.retrieve' };
const MODELS_PREFIX = '/v1/models/';
/** Every `/v1/messages…` path answers in Anthropic's shape, unknown subpaths (`/v1/messages/batches`) included. */
const MESSAGES_PREFIX = '/v1/messages';

/**
 * Entry point of `/v1/*`: request id → authenticate → endpoint handler, with one record per authenticated request.
 * The returned promise never rejects (callers `void` it): whatever a handler throws ends this
 * request with an error in its API's shape, or a cut when the response had already started, and
 * is logged when it is not a client error.
 */
export async function handleDataPlane(req: IncomingMessage, res: ServerResponse, path: string, deps: DataPlaneDeps): Promise<void> {
  const ids = { id: newRequestId(), clientRequestId: clientRequestId(req) };
  const route = ENDPOINTS[path] ?? (path.length > MODELS_PREFIX.length && path.startsWith(MODELS_PREFIX) ? RETRIEVE_MODEL : undefined);
  if (!route) {
    const unknown = new HttpError(404, 'invalid_request_error', 'unknown_endpoint', `no endpoint ${req.method} ${path}; see docs/api.md for the supported /v1 endpoints`);
    if (path.startsWith(MESSAGES_PREFIX)) return refuse(res, unknown, deps.codecs['anthropic-messages'], requestIdHeaders(ids), ids.id, deps);
    return refuse(res, unknown, undefined, requestIdHeaders(ids), ids.id, deps);
  }
  const codec = route.api ? deps.codecs[route.api] : undefined;
  if (req.method !== route.method) return refuse(res, new HttpError(405, 'invalid_request_error', 'method_not_allowed', `${path} accepts ${route.method} only`, { headers: { allow: route.method } }), codec, requestIdHeaders(ids), ids.id, deps);
  let key: VirtualKeyRecord;
  try {
    key = authenticateSecret(presentedSecret(req, route), deps.keys, Date.now());
  } catch (err) {
    // No row per failed authentication: anyone can send these, so they are only counted (and logged at a bounded rate).
    const e = err as HttpError;
    deps.onAuthFailure(e.code);
    return refuse(res, e, codec, requestIdHeaders(ids), ids.id, deps);
  }
  const ctx = newRequestContext(ids.id, route.endpoint);
  ctx.clientRequestId = ids.clientRequestId;
  ctx.key = key;
  try {
    if (route === RETRIEVE_MODEL) handleRetrieveModel(res, ctx, deps, path.slice(MODELS_PREFIX.length));
    else if (route.endpoint === 'messages.count_tokens') await handleCountTokens(req, res, ctx, deps, codec!);
    else if (codec) await handleChatRequest(req, res, ctx, deps, codec);
    else if (route.endpoint === 'embeddings') await handleEmbeddings(req, res, ctx, deps);
    else handleModels(res, ctx, deps);
  } catch (err) {
    const e = err instanceof HttpError ? err : new HttpError(500, 'server_error', 'internal_error', `internal error (request ${ctx.id}); the gateway logged the details`);
    if (!(err instanceof HttpError)) deps.log.error('unhandled error in data plane', { request_id: ctx.id, error: scrubbedError(err, deps.runtime().scrubber) });
    ctx.status = e.status;
    ctx.errorClass ??= errorClassFor(e);
    ctx.errorMessage = e.message;
    refuse(res, e, codec, ctx.provider ? switchyardHeaders(ctx) : requestIdHeaders(ctx), ctx.id, deps);
  } finally {
    try {
      deps.onFinish(ctx);
    } catch (err) {
      deps.log.error('could not record a finished request', { request_id: ctx.id, error: err });
    }
  }
}

/** An unexpected error's name and message for the log, with configured credentials scrubbed (it may quote upstream text). */
function scrubbedError(err: unknown, scrubber: TextScrubber): { name: string; message: string } {
  return err instanceof Error ? { name: err.name, message: scrubber.scrub(err.message) } : { name: typeof err, message: scrubber.scrub(String(err)) };
}

/** Sends `e` in the endpoint's error shape (OpenAI's without a codec); never throws (`endFailedResponse`). */
function refuse(res: ServerResponse, e: HttpError, codec: InboundCodec | undefined, headers: Record<string, string>, requestId: string, deps: DataPlaneDeps): void {
  const write = () => (codec ? sendJson(res, e.status, codec.errorBody(e), { ...e.headers, ...headers }) : sendError(res, e, headers));
  endFailedResponse(res, write, { 'x-request-id': requestId }, deps.log, requestId);
}

function errorClassFor(e: HttpError): ErrorClass {
  if (e.status === 401 || e.status === 403) return 'auth';
  if (e.status === 404) return 'not_found';
  if (e.status === 429) return 'rate_limited';
  if (e.status === 499) return 'client_disconnected';
  if (e.status >= 500) return 'internal';
  return 'invalid_request';
}

/**
 * The virtual key a request presents: `Authorization: Bearer …` everywhere, and on the Anthropic
 * endpoint also `x-api-key`, which is how the Anthropic SDK and tools built on it send their key.
 */
function presentedSecret(req: IncomingMessage, route: Endpoint): string {
  const xApiKey = req.headers['x-api-key'];
  if (route.api === 'anthropic-messages' && typeof xApiKey === 'string' && !req.headers.authorization) return xApiKey.trim();
  return bearerSecret(req.headers.authorization);
}
