import type { StreamFrame, StreamPlan } from '../stream-frames.ts';
import type { GeneratePlan } from './generate-plan.ts';
import { BLOCKED_RATINGS, responseTail, usageMetadata, type GoogleApiFlavor } from './generate-response.ts';

/** Sent after the first content chunk when `malformed_sse=1`: a `data:` frame that is not JSON. */
export const MALFORMED_GEMINI_FRAME = 'data: {"candidates": broken\n\n';

/**
 * The fragments of `streamGenerateContent`: one per thought token (`thought: true`), then one per text
 * token or one whole `functionCall` per call (the first non-thought part carries the thought signature),
 * each with the usage so far; then a last fragment with an empty text part, the finish reason and the
 * final usage. A SAFETY stop ends with a content-less candidate and its safety ratings.
 * https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 */
export function generateFragments(plan: GeneratePlan, flavor: GoogleApiFlavor, createTime: string): Array<{ value: Record<string, unknown>; content: boolean }> {
  const tail = responseTail(plan, flavor, createTime);
  const c = plan.counts;
  const out: Array<{ value: Record<string, unknown>; content: boolean }> = [];
  const fragment = (part: Record<string, unknown>, visible: number, reasoning: number): void => {
    out.push({
      value: {
        candidates: [{ content: { parts: [part], role: 'model' }, index: 0 }],
        usageMetadata: usageMetadata({ ...c, visible, reasoning }, flavor),
        ...tail,
      },
      content: true,
    });
  };
  plan.thoughts.forEach((piece, i) => fragment({ text: piece, thought: true }, 0, i + 1));
  const sign = (part: Record<string, unknown>, first: boolean) => (first && plan.thoughtSignature ? { ...part, thoughtSignature: plan.thoughtSignature } : part);
  let visible = 0;
  plan.toolCalls.forEach((call, i) => {
    visible += call.fragments.length;
    fragment(sign({ functionCall: { name: call.name, args: JSON.parse(call.arguments) } }, i === 0), visible, c.reasoning);
  });
  plan.pieces.forEach((piece, i) => fragment(sign({ text: piece }, i === 0), i + 1, c.reasoning));
  const candidate = plan.finishReason === 'SAFETY'
    ? { finishReason: 'SAFETY', index: 0, safetyRatings: BLOCKED_RATINGS }
    : { content: { parts: [{ text: '' }], role: 'model' }, finishReason: plan.finishReason, index: 0 };
  out.push({ value: { candidates: [candidate], usageMetadata: usageMetadata(c, flavor), ...tail }, content: false });
  return out;
}

/** The SSE framing (`alt=sse`): each fragment is one `data:` event. */
export function generateStreamPlan(plan: GeneratePlan, flavor: GoogleApiFlavor, createTime: string, requestId: string): StreamPlan {
  const frames: StreamFrame[] = generateFragments(plan, flavor, createTime).map((f) => ({ data: JSON.stringify(f.value), content: f.content }));
  return { headers: { 'x-request-id': requestId }, frames, malformedFrame: MALFORMED_GEMINI_FRAME };
}
