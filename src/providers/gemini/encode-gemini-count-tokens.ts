import type { CanonicalRequest } from '../../canonical/request.ts';
import { encodeGeminiGenerateRequest } from './encode-gemini-generate-request.ts';

/**
 * Gemini API `models/{model}:countTokens` body. The whole `generateContentRequest` is sent (not bare
 * `contents`) so the system instruction and function declarations are counted too; it must name the model.
 * `generationConfig` is left out: it does not change the count.
 * https://ai.google.dev/api/tokens#method:-models.counttokens
 */
export function encodeGeminiCountTokens(req: CanonicalRequest): Record<string, unknown> {
  const model = req.model.startsWith('models/') || req.model.startsWith('tunedModels/') ? req.model : `models/${req.model}`;
  const { generationConfig: _notCounted, ...prompt } = encodeGeminiGenerateRequest({ ...req, stream: false });
  return { generateContentRequest: { model, ...prompt } };
}

/**
 * Vertex AI `:countTokens` body: `contents`, `systemInstruction` and `tools` at the top level (Vertex has no
 * `generateContentRequest` wrapper). https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/count-tokens
 */
export function encodeVertexCountTokens(req: CanonicalRequest): Record<string, unknown> {
  const full = encodeGeminiGenerateRequest({ ...req, stream: false });
  const body: Record<string, unknown> = { contents: full.contents };
  if (full.systemInstruction !== undefined) body.systemInstruction = full.systemInstruction;
  if (full.tools !== undefined) body.tools = full.tools;
  return body;
}
