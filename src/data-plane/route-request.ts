import { keyAllowsModel, modelNotAllowed } from '../auth/authenticate-request.ts';
import type { Runtime } from '../gateway/runtime.ts';
import type { ExecutionPolicy } from '../router/execute-targets.ts';
import { checkModelName } from '../router/check-model-name.ts';
import { planTargets } from '../router/plan-targets.ts';
import { parseRoutingFields } from '../router/provider-preferences.ts';
import type { HealthView, PlannedTarget, ResolvedRoute } from '../router/router-types.ts';
import { HttpError, invalidRequest } from '../server/http-error.ts';
import type { VirtualKeyRecord } from '../store/store-types.ts';
import { estimatePromptTokens } from './estimate-tokens.ts';

/** Where a request goes: its primary route, the ordered targets to try, and the executor's policy. */
export interface RoutedRequest {
  primary: ResolvedRoute;
  plan: PlannedTarget[];
  policy: ExecutionPolicy;
}

const NO_TOKENS = { input: 0, output: 0 };
/** Output length assumed for cost ranking when the request sets no limit. */
const DEFAULT_EXPECTED_OUTPUT = 512;

/**
 * Reads `model` and the OpenRouter-style `models` / `provider` fields, resolves each model name
 * to its route (aliases and wildcards included), checks the key may use it, and plans the targets.
 */
export function routeRequest(rt: Runtime, health: HealthView, key: VirtualKeyRecord, body: Record<string, unknown>, stream: boolean): RoutedRequest {
  const fields = parseRoutingFields(body);
  let name = body.model;
  if ((name === undefined || name === null) && fields.models.length > 0) name = fields.models[0];
  if (typeof name !== 'string' || name.length === 0) throw invalidRequest('missing_model', 'the request needs a "model" string', 'model');
  if (name === body.model) checkModelName(name, 'model');
  const primary = resolveFor(rt, key, name, name === body.model ? 'model' : 'models');
  const routes = [primary];
  for (const fallback of fields.models) {
    if (fallback === name || routes.some((r) => r.requested === fallback)) continue;
    routes.push(resolveFor(rt, key, fallback, 'models'));
  }
  const costMatters = fields.provider?.sort === 'price' || routes.some((r) => r.config.strategy === 'cost');
  const plan = planTargets(
    { routes, preferences: fields.provider, stream, expectedTokens: costMatters ? expectedTokens(body) : NO_TOKENS },
    { health, prices: rt.prices, random: Math.random, now: new Date() },
  );
  if (plan.targets.length === 0) {
    const reasons = plan.excluded.map((e) => `${e.key}: ${e.reason}`).join('; ');
    throw new HttpError(400, 'invalid_request_error', 'no_eligible_target', `no target of "${name}" matches the request's provider preferences (${reasons})`, { param: 'provider' });
  }
  const c = primary.config;
  return { primary, plan: plan.targets, policy: { retry: c.retry, deadlineMs: c.deadlineMs, contextWindowFallback: c.contextWindowFallback, hedge: c.hedge } };
}

function resolveFor(rt: Runtime, key: VirtualKeyRecord, name: string, param: string): ResolvedRoute {
  const route = rt.routes.resolve(name);
  if (!route) {
    throw new HttpError(404, 'invalid_request_error', 'model_not_found',
      `model "${name}" is not configured on this gateway; GET /v1/models lists the models your key can use`, { param });
  }
  if (!keyAllowsModel(key, name) && !keyAllowsModel(key, route.config.name)) {
    const denied = modelNotAllowed(key, name);
    throw param === denied.param ? denied : new HttpError(denied.status, denied.type, denied.code, denied.message, { param });
  }
  return route;
}

function expectedTokens(body: Record<string, unknown>): { input: number; output: number } {
  const limit = body.max_completion_tokens ?? body.max_tokens ?? body.max_output_tokens;
  return { input: estimatePromptTokens(body), output: typeof limit === 'number' && limit > 0 ? limit : DEFAULT_EXPECTED_OUTPUT };
}
