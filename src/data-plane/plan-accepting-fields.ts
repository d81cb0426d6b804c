import type { Runtime } from '../gateway/runtime.ts';
import { firstUnknownField } from '../providers/openai/openai-request-fields.ts';
import type { PlannedTarget } from '../router/router-types.ts';
import { HttpError } from '../server/http-error.ts';

const API = {
  chat: 'OpenAI chat completions request field (https://platform.openai.com/docs/api-reference/chat/create)',
  embeddings: 'OpenAI embeddings request field (https://platform.openai.com/docs/api-reference/embeddings/create)',
} as const;

/**
 * The plan without the OpenAI-wire targets that would be sent a top-level field they do not accept:
 * on the identity path the client's body goes upstream as it is, so an `openai` upstream gets only
 * OpenAI's documented fields and an `openai-compatible` one also its `extra_body_fields`. Translated
 * targets build their own bodies from the canonical request and stay. When no target is left, a 400
 * `unknown_field` names the field. One walk over the body's keys per distinct field set.
 */
export function planAcceptingFields(plan: PlannedTarget[], body: Record<string, unknown>, rt: Runtime, endpoint: keyof typeof API): PlannedTarget[] {
  let kept: PlannedTarget[] | undefined;
  let unknown: string | undefined;
  let lastSet: ReadonlySet<string> | undefined;
  let lastUnknown: string | undefined;
  for (let i = 0; i < plan.length; i++) {
    const fields = rt.providers.get(plan[i].provider)?.wireFields?.[endpoint];
    if (fields !== undefined && fields !== lastSet) {
      lastSet = fields;
      lastUnknown = firstUnknownField(body, fields);
    }
    const rejected = fields === undefined ? undefined : lastUnknown;
    if (rejected === undefined) {
      kept?.push(plan[i]);
      continue;
    }
    unknown ??= rejected;
    kept ??= plan.slice(0, i);
  }
  if (kept === undefined) return plan;
  if (kept.length > 0) return kept;
  const name = unknown!.length > 64 ? `${unknown!.slice(0, 64)}…` : unknown!;
  throw new HttpError(400, 'invalid_request_error', 'unknown_field',
    `unknown field ${JSON.stringify(name)}: it is not an ${API[endpoint]}, and no provider serving this model accepts it as an extension; remove it`, { param: name });
}
