import type { RequestContext } from '../request-context.ts';
import { requestIdOf, sendJson } from '../send-json.ts';
import { streamFrames } from '../stream-frames.ts';
import { planGenerate } from './generate-plan.ts';
import { parseGenerateRequest } from './generate-request.ts';
import { generateContentBody, type GoogleApiFlavor } from './generate-response.ts';
import { generateFragments, generateStreamPlan } from './generate-stream.ts';
import { sendGoogleError } from './google-errors.ts';

/** Fixed `createTime` (Vertex) so bodies are stable across runs. */
export const EMULATED_CREATE_TIME = '2025-01-01T00:00:00.000000Z';

/**
 * `:generateContent` and `:streamGenerateContent` for one model. Streaming with `alt=sse` sends SSE
 * `data:` events (with every stream fault directive); without it Google answers with one JSON array of
 * all fragments, which is what the emulator sends (no per-fragment faults then).
 */
export async function handleGenerateContent(ctx: RequestContext, model: string, stream: boolean, flavor: GoogleApiFlavor): Promise<void> {
  const parsed = parseGenerateRequest(ctx.body);
  if (!parsed.ok) {
    sendGoogleError(ctx, 400, parsed.error);
    return;
  }
  const plan = planGenerate(parsed.request, model, ctx.directives, ctx.entry.id);
  if (!stream) {
    sendJson(ctx, 200, generateContentBody(plan, flavor, EMULATED_CREATE_TIME));
    return;
  }
  if (!wantsSse(ctx.req.url)) {
    sendJson(ctx, 200, generateFragments(plan, flavor, EMULATED_CREATE_TIME).map((f) => f.value));
    return;
  }
  await streamFrames(ctx, generateStreamPlan(plan, flavor, EMULATED_CREATE_TIME, requestIdOf(ctx)));
}

function wantsSse(url: string | undefined): boolean {
  const q = url?.indexOf('?') ?? -1;
  return q !== -1 && new URLSearchParams(url!.slice(q + 1)).get('alt') === 'sse';
}
