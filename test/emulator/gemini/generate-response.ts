import type { GenerateCounts, GeneratePlan } from './generate-plan.ts';

/** Which flavour of the API answers: Vertex adds `createTime` and `usageMetadata.trafficType`. */
export type GoogleApiFlavor = 'gemini' | 'vertex';

/**
 * `usageMetadata` as Google sends it: zero counts are omitted (proto3 JSON), `promptTokenCount` includes
 * `cachedContentTokenCount`, `thoughtsTokenCount` is separate from `candidatesTokenCount`, and
 * `totalTokenCount` is their sum. https://ai.google.dev/api/generate-content#UsageMetadata
 */
export function usageMetadata(c: GenerateCounts, flavor: GoogleApiFlavor): Record<string, unknown> {
  const u: Record<string, unknown> = { promptTokenCount: c.prompt };
  if (c.visible > 0) u.candidatesTokenCount = c.visible;
  u.totalTokenCount = c.prompt + c.visible + c.reasoning;
  if (c.cached > 0) u.cachedContentTokenCount = c.cached;
  u.promptTokensDetails = [{ modality: 'TEXT', tokenCount: c.prompt }];
  if (c.cached > 0) u.cacheTokensDetails = [{ modality: 'TEXT', tokenCount: c.cached }];
  if (c.reasoning > 0) u.thoughtsTokenCount = c.reasoning;
  if (flavor === 'vertex') u.trafficType = 'ON_DEMAND';
  return u;
}

/** Fields every response (and every stream fragment) ends with. */
export function responseTail(plan: GeneratePlan, flavor: GoogleApiFlavor, createTime: string): Record<string, unknown> {
  return flavor === 'vertex'
    ? { modelVersion: plan.model, createTime, responseId: plan.responseId }
    : { modelVersion: plan.model, responseId: plan.responseId };
}

/** Safety ratings of a candidate stopped with SAFETY (the `content_filter` directive). */
export const BLOCKED_RATINGS = [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true }];

/** The parts of the whole answer, in Gemini's order: thought summary, then text or function calls. */
export function answerParts(plan: GeneratePlan): Record<string, unknown>[] {
  const parts: Record<string, unknown>[] = [];
  if (plan.thoughts.length > 0) parts.push({ text: plan.thoughts.join(''), thought: true });
  const signed = (part: Record<string, unknown>, first: boolean) => (first && plan.thoughtSignature ? { ...part, thoughtSignature: plan.thoughtSignature } : part);
  if (plan.toolCalls.length > 0) {
    plan.toolCalls.forEach((call, i) => parts.push(signed({ functionCall: { name: call.name, args: JSON.parse(call.arguments) } }, i === 0)));
  } else if (plan.pieces.length > 0) {
    parts.push(signed({ text: plan.pieces.join('') }, true));
  }
  return parts;
}

/**
 * The non-streaming `GenerateContentResponse`. A SAFETY stop has no content, as Google blanks a blocked
 * candidate. https://ai.google.dev/api/generate-content#generatecontentresponse
 */
export function generateContentBody(plan: GeneratePlan, flavor: GoogleApiFlavor, createTime: string): Record<string, unknown> {
  const parts = answerParts(plan);
  const candidate: Record<string, unknown> = plan.finishReason === 'SAFETY'
    ? { finishReason: 'SAFETY', index: 0, safetyRatings: BLOCKED_RATINGS }
    : { content: parts.length > 0 ? { parts, role: 'model' } : { role: 'model' }, finishReason: plan.finishReason, index: 0 };
  return { candidates: [candidate], usageMetadata: usageMetadata(plan.counts, flavor), ...responseTail(plan, flavor, createTime) };
}
