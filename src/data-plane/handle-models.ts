import type { ServerResponse } from 'node:http';
import { keyAllowsModel } from '../auth/authenticate-request.ts';
import { sendJson } from '../server/http-error.ts';
import type { DataPlaneDeps } from './data-plane-deps.ts';
import type { RequestContext } from './request-context.ts';

/** `GET /v1/models`: only the models the calling key may use. https://platform.openai.com/docs/api-reference/models/list */
export function handleModels(res: ServerResponse, ctx: RequestContext, deps: DataPlaneDeps): void {
  const rt = deps.runtime();
  const data = [];
  for (const m of rt.models.values()) {
    if (!keyAllowsModel(ctx.key!, m.name)) continue;
    data.push({ id: m.name, object: 'model', created: rt.loadedAt, owned_by: m.targets[0].provider });
  }
  ctx.status = 200;
  sendJson(res, 200, { object: 'list', data });
}
