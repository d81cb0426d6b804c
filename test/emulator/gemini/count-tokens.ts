import type { RequestContext } from '../request-context.ts';
import { sendJson } from '../send-json.ts';
import { countGeminiPromptTokens, lastUserContentText } from './content-text.ts';
import { sendGoogleError } from './google-errors.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * What `:countTokens` counts. Gemini API: `contents`, or a whole `generateContentRequest` (with its
 * `systemInstruction`), never both (https://ai.google.dev/api/tokens#method:-models.counttokens). Vertex AI:
 * `contents`, `systemInstruction` and `tools` at the top level
 * (https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/count-tokens).
 */
function countedPrompt(body: unknown, flavor: 'gemini' | 'vertex'): { contents: unknown; system: unknown } | string {
  if (!isObject(body)) return 'Invalid JSON payload received. Expected an object.';
  if (flavor === 'gemini' && body.generateContentRequest !== undefined) {
    if (body.contents !== undefined) return 'contents and generateContentRequest are mutually exclusive; send one of them.';
    const inner = body.generateContentRequest;
    if (!isObject(inner)) return 'Invalid value at \'generate_content_request\': expected an object.';
    if (typeof inner.model !== 'string' || !inner.model.startsWith('models/')) return 'generateContentRequest.model is required and must be of the form models/{model}.';
    return { contents: inner.contents, system: inner.systemInstruction };
  }
  return { contents: body.contents, system: flavor === 'vertex' ? body.systemInstruction : undefined };
}

/** `models/{model}:countTokens` → `{totalTokens, …}` by the same formula as `usageMetadata.promptTokenCount`. */
export function handleCountTokens(ctx: RequestContext, flavor: 'gemini' | 'vertex'): void {
  const prompt = countedPrompt(ctx.body, flavor);
  if (typeof prompt === 'string') return sendGoogleError(ctx, 400, { message: prompt });
  if (!Array.isArray(prompt.contents) || prompt.contents.length === 0) return sendGoogleError(ctx, 400, { message: 'contents is not specified' });
  const total = countGeminiPromptTokens(prompt.contents, prompt.system);
  const details = [{ modality: 'TEXT', tokenCount: total }];
  sendJson(ctx, 200, flavor === 'vertex' ? { totalTokens: total, totalBillableCharacters: total * 4, promptTokensDetails: details } : { totalTokens: total, promptTokensDetails: details });
}

/** Where a `:countTokens` body's `[emu …]` marker is read: the last user text of what it counts. */
export function countTokensMarkerText(body: unknown): string | undefined {
  const inner = isObject(body) && isObject(body.generateContentRequest) ? body.generateContentRequest : body;
  return lastUserContentText(inner);
}
