import type { RequestContext } from '../request-context.ts';
import { sendJson } from '../send-json.ts';
import { sendOpenAIError } from './errors.ts';

/** Fixed `created` timestamp so model listings are byte-for-byte stable across runs. */
export const MODEL_CREATED = 1_700_000_000;

const MODEL_PATH_PREFIX = '/v1/models/';

/** OpenAI's `Model` object (openai-node `src/resources/models.ts`). */
export interface ModelObject {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
}

function modelObject(id: string): ModelObject {
  return { id, object: 'model', created: MODEL_CREATED, owned_by: 'system' };
}

/** `GET /v1/models`. */
export function handleListModels(ctx: RequestContext): void {
  sendJson(ctx, 200, { object: 'list', data: ctx.models.map(modelObject) });
}

/** Matches `GET /v1/models/{model}`. */
export function isModelPath(path: string): boolean {
  return path.startsWith(MODEL_PATH_PREFIX) && path.length > MODEL_PATH_PREFIX.length;
}

/** `GET /v1/models/{model}`: the model, or OpenAI's model_not_found 404. */
export function handleRetrieveModel(ctx: RequestContext): void {
  const id = decodeURIComponent(ctx.path.slice(MODEL_PATH_PREFIX.length));
  if (!ctx.models.includes(id)) {
    sendOpenAIError(ctx, 404, {
      message: `The model '${id}' does not exist`,
      param: 'model',
      code: 'model_not_found',
    });
    return;
  }
  sendJson(ctx, 200, modelObject(id));
}
