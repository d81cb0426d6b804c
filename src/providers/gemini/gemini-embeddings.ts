import type { CanonicalEmbeddingRequest, CanonicalEmbeddingResponse } from '../../canonical/embeddings.ts';
import { emptyUsage } from '../../canonical/usage.ts';
import { invalidRequest } from '../../server/http-error.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { embeddingTaskType } from './map-embedding-task-type.ts';
import type { GeminiUsageMetadata } from './gemini-wire-types.ts';

/** https://ai.google.dev/api/embeddings#method:-models.batchembedcontents */
export interface GeminiBatchEmbedRequest {
  requests: Array<{ model: string; content: { parts: Array<{ text: string }> }; taskType?: string; outputDimensionality?: number }>;
}

/** Embeddings take text only: token-id arrays (an OpenAI-family feature) are refused with a 400. */
export function embeddingTexts(req: CanonicalEmbeddingRequest, providerType: string): string[] {
  if (!req.input.every((v): v is string => typeof v === 'string')) {
    throw invalidRequest('unsupported_input', `provider type ${providerType} embeds text only; token-array inputs are not supported`, 'input');
  }
  return req.input as string[];
}

/** The `batchEmbedContents` body: one request per input, each naming the model (`models/x`) as the API requires. */
export function encodeGeminiBatchEmbed(req: CanonicalEmbeddingRequest): GeminiBatchEmbedRequest {
  const model = req.model.startsWith('models/') || req.model.startsWith('tunedModels/') ? req.model : `models/${req.model}`;
  const taskType = embeddingTaskType(req.inputType);
  return {
    requests: embeddingTexts(req, 'gemini').map((text) => ({
      model,
      content: { parts: [{ text }] },
      ...(taskType !== undefined ? { taskType } : {}),
      ...(req.dimensions !== undefined ? { outputDimensionality: req.dimensions } : {}),
    })),
  };
}

/**
 * `{embeddings: [{values}]}` → canonical. The Gemini API reports no token usage for embeddings, so input
 * tokens are 0 (a provider limitation, not an estimate); a `usageMetadata.promptTokenCount`, should Google
 * add one, is used. The body names no model (`''`: the caller keeps the target's).
 * https://ai.google.dev/api/embeddings#BatchEmbedContentsResponse
 */
export function decodeGeminiBatchEmbed(json: unknown): CanonicalEmbeddingResponse {
  const body = json as { embeddings?: unknown; usageMetadata?: GeminiUsageMetadata } | null;
  if (body === null || typeof body !== 'object' || !Array.isArray(body.embeddings)) {
    throw new UpstreamProtocolError('malformed', 'answered with an embeddings body without an "embeddings" array');
  }
  const vectors = body.embeddings.map((e: unknown) => {
    const values = (e as { values?: unknown } | null)?.values;
    if (!Array.isArray(values) || !values.every((v) => typeof v === 'number')) {
      throw new UpstreamProtocolError('malformed', 'answered with an embedding whose "values" is not an array of numbers');
    }
    return values as number[];
  });
  const usage = emptyUsage();
  const prompt = body.usageMetadata?.promptTokenCount;
  if (typeof prompt === 'number' && Number.isFinite(prompt) && prompt > 0) usage.inputUncached = Math.floor(prompt);
  usage.raw = body.usageMetadata ?? null;
  return { model: '', vectors, usage };
}
