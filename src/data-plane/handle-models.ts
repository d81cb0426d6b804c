import type { ServerResponse } from 'node:http';
import { keyAllowsModel } from '../auth/authenticate-request.ts';
import { HttpError, sendJson } from '../server/http-error.ts';
import { checkModelName } from '../router/check-model-name.ts';
import type { DataPlaneDeps } from './data-plane-deps.ts';
import type { RequestContext } from './request-context.ts';
import { requestIdHeaders } from './switchyard-headers.ts';

/**
 * `GET /v1/models`: only the names the calling key may use: route names and their aliases (an alias is
 * usable when the key lists it or its route). Wildcard routes are listed by their pattern (`openai/*`).
 * https://platform.openai.com/docs/api-reference/models/list
 */
export function handleModels(res: ServerResponse, ctx: RequestContext, deps: DataPlaneDeps): void {
  const rt = deps.runtime();
  const key = ctx.key!;
  const data = [];
  for (const m of rt.models.values()) {
    const routeAllowed = keyAllowsModel(key, m.name);
    const entry = (id: string) => ({ id, object: 'model', created: rt.loadedAt, owned_by: m.targets[0].provider });
    if (routeAllowed) data.push(entry(m.name));
    for (const alias of m.aliases) if (routeAllowed || keyAllowsModel(key, alias)) data.push(entry(alias));
  }
  ctx.status = 200;
  sendJson(res, 200, { object: 'list', data }, requestIdHeaders(ctx));
}

/**
 * `GET /v1/models/{id}`: one model the calling key may use (a route name, an alias, or a name a wildcard
 * route serves), in OpenAI's retrieve shape. A model the key may not use is answered exactly like one
 * that does not exist (404 `model_not_found`), so a key cannot probe for names outside its allow-list.
 * https://platform.openai.com/docs/api-reference/models/retrieve
 */
export function handleRetrieveModel(res: ServerResponse, ctx: RequestContext, deps: DataPlaneDeps, encodedId: string): void {
  const rt = deps.runtime();
  const id = decodeModelId(encodedId);
  if (id !== undefined) checkModelName(id, 'model');
  const route = id === undefined ? undefined : rt.routes.resolve(id);
  const key = ctx.key!;
  if (id === undefined || route === undefined || (!keyAllowsModel(key, id) && !keyAllowsModel(key, route.config.name))) {
    const shown = id ?? encodedId;
    throw new HttpError(404, 'invalid_request_error', 'model_not_found',
      `model "${shown.length > 256 ? shown.slice(0, 256) + '…' : shown}" does not exist or your key may not use it; GET /v1/models lists the models your key can use`, { param: 'model' });
  }
  ctx.requestedModel = id;
  ctx.status = 200;
  sendJson(res, 200, { id, object: 'model', created: rt.loadedAt, owned_by: route.config.targets[0].provider }, requestIdHeaders(ctx));
}

function decodeModelId(encoded: string): string | undefined {
  if (encoded.length === 0 || encoded.length > 768) return undefined;
  try {
    const id = decodeURIComponent(encoded);
    return id.length > 0 && id.length <= 256 ? id : undefined;
  } catch {
    return undefined;
  }
}
