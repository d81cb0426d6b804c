import type { CanonicalEmbeddingRequest, CanonicalEmbeddingResponse } from '../../canonical/embeddings.ts';
import { emptyUsage } from '../../canonical/usage.ts';
import { embeddingTexts } from '../gemini/gemini-embeddings.ts';
import { embeddingTaskType } from '../gemini/map-embedding-task-type.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';

/** https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api#request_body */
export interface VertexPredictEmbeddingsRequest {
  instances: Array<{ content: string; task_type?: string }>;
  parameters?: { outputDimensionality?: number };
}

/** Canonical embeddings → the `:predict` body of Vertex text-embedding models (text only). */
export function encodeVertexPredictEmbeddings(req: CanonicalEmbeddingRequest): VertexPredictEmbeddingsRequest {
  const taskType = embeddingTaskType(req.inputType);
  const body: VertexPredictEmbeddingsRequest = {
    instances: embeddingTexts(req, 'vertex').map((content) => (taskType !== undefined ? { content, task_type: taskType } : { content })),
  };
  if (req.dimensions !== undefined) body.parameters = { outputDimensionality: req.dimensions };
  return body;
}

/**
 * `{predictions: [{embeddings: {values, statistics: {token_count}}}]}` → canonical; input tokens are the
 * sum of `token_count`. The body names no model (`''`: the caller keeps the target's).
 * https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/text-embeddings-api#response_body
 */
export function decodeVertexPredictEmbeddings(json: unknown): CanonicalEmbeddingResponse {
  const predictions = (json as { predictions?: unknown } | null)?.predictions;
  if (!Array.isArray(predictions)) throw new UpstreamProtocolError('malformed', 'answered with a predict body without a "predictions" array');
  const usage = emptyUsage();
  const vectors = predictions.map((p: unknown) => {
    const embeddings = (p as { embeddings?: { values?: unknown; statistics?: { token_count?: unknown } } } | null)?.embeddings;
    const values = embeddings?.values;
    if (!Array.isArray(values) || !values.every((v) => typeof v === 'number')) {
      throw new UpstreamProtocolError('malformed', 'answered with a prediction whose "embeddings.values" is not an array of numbers');
    }
    const count = embeddings?.statistics?.token_count;
    if (typeof count === 'number' && Number.isFinite(count) && count > 0) usage.inputUncached += Math.floor(count);
    return values as number[];
  });
  usage.raw = { token_count: usage.inputUncached };
  return { model: '', vectors, usage };
}
