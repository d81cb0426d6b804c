import type { ServerResponse } from 'node:http';
import { keyAllowsModel } from '../auth/authenticate-request.ts';
import { sendJson } from '../server/http-error.ts';
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
