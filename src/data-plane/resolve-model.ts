import type { ModelConfig } from '../config/types.ts';
import type { Runtime } from '../gateway/runtime.ts';
import { keyAllowsModel, modelNotAllowed } from '../auth/authenticate-request.ts';
import { HttpError, invalidRequest } from '../server/http-error.ts';
import type { VirtualKeyRecord } from '../store/store-types.ts';

/** Reads and checks the `model` field, then finds its route and checks the key may use it. */
export function resolveModel(rt: Runtime, key: VirtualKeyRecord, body: Record<string, unknown>): ModelConfig {
  const name = body.model;
  if (typeof name !== 'string' || name.length === 0) throw invalidRequest('missing_model', 'the request needs a "model" string', 'model');
  if (name.length > 256) throw invalidRequest('invalid_model', '"model" is longer than 256 characters', 'model');
  const route = rt.models.get(name);
  if (!route) {
    throw new HttpError(404, 'invalid_request_error', 'model_not_found',
      `model "${name}" is not configured on this gateway; GET /v1/models lists the models your key can use`, { param: 'model' });
  }
  if (!keyAllowsModel(key, name)) throw modelNotAllowed(key, name);
  return route;
}
