import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticateSecret, bearerSecret } from '../auth/authenticate-request.ts';
import { HttpError, sendError, sendJson } from '../server/http-error.ts';
import type { ErrorClass, VirtualKeyRecord } from '../store/store-types.ts';
import type { DataPlaneDeps } from './data-plane-deps.ts';
import type { InboundCodec } from '../inbound/inbound-codec.ts';
import { handleChatRequest } from './handle-chat-request.ts';
import { handleEmbeddings } from './handle-embeddings.ts';
import { handleModels } from './handle-models.ts';
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
  '/v1/models': { method: 'GET', endpoint: 'models' },
};

/** Entry point of `/v1/*`: request id → authenticate → endpoint handler, with one record per authenticated request. */
export async function handleDataPlane(req: IncomingMessage, res: ServerResponse, path: string, deps: DataPlaneDeps): Promise<void> {
  const ids = { id: newRequestId(), clientRequestId: clientRequestId(req) };
  const route = ENDPOINTS[path];
  if (!route) return sendError(res, new HttpError(404, 'invalid_request_error', 'unknown_endpoint', `no endpoint ${req.method} ${path}; see docs/api.md for the supported /v1 endpoints`), requestIdHeaders(ids));
  const codec = route.api ? deps.codecs[route.api] : undefined;
  const fail = (e: HttpError, headers: Record<string, string>) => (codec ? sendJson(res, e.status, codec.errorBody(e), { ...e.headers, ...headers }) : sendError(res, e, headers));
  if (req.method !== route.method) return fail(new HttpError(405, 'invalid_request_error', 'method_not_allowed', `${path} accepts ${route.method} only`, { headers: { allow: route.method } }), requestIdHeaders(ids));
  let key: VirtualKeyRecord;
  try {
    key = authenticateSecret(presentedSecret(req, route), deps.keys, Date.now());
  } catch (err) {
    // No row per failed authentication: anyone can send these, so they are only counted (and logged at a bounded rate).
    const e = err as HttpError;
    deps.onAuthFailure(e.code);
    return fail(e, requestIdHeaders(ids));
  }
  const ctx = newRequestContext(ids.id, route.endpoint);
  ctx.clientRequestId = ids.clientRequestId;
  ctx.key = key;
  try {
    if (codec) await handleChatRequest(req, res, ctx, deps, codec);
    else if (route.endpoint === 'embeddings') await handleEmbeddings(req, res, ctx, deps);
    else handleModels(res, ctx, deps);
  } catch (err) {
    const e = err instanceof HttpError ? err : new HttpError(500, 'server_error', 'internal_error', `internal error (request ${ctx.id}); the gateway logged the details`);
    if (!(err instanceof HttpError)) deps.log.error('unhandled error in data plane', { request_id: ctx.id, error: err });
    ctx.status = e.status;
    ctx.errorClass ??= errorClassFor(e);
    ctx.errorMessage = e.message;
    if (res.destroyed) return;
    fail(e, ctx.provider ? switchyardHeaders(ctx) : requestIdHeaders(ctx));
  } finally {
    deps.onFinish(ctx);
  }
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
