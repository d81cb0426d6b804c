import type { CanonicalEmbeddingRequest, CanonicalEmbeddingResponse } from '../../canonical/embeddings.ts';
import { emptyUsage } from '../../canonical/usage.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Canonical embeddings request → OpenAI `POST /embeddings` body. Float vectors only (the decoder
 * reads numbers); token-array inputs pass through. OpenAI has no input type, so `inputType` is dropped.
 * https://platform.openai.com/docs/api-reference/embeddings/create
 */
export function encodeOpenAIEmbeddingsBody(req: CanonicalEmbeddingRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { model: req.model, input: req.input, encoding_format: 'float' };
  if (req.dimensions !== undefined) body.dimensions = req.dimensions;
  if (req.user !== undefined) body.user = req.user;
  return body;
}

/** An OpenAI embeddings list → canonical vectors in input order (`data[].index`). */
export function decodeOpenAIEmbeddings(json: unknown): CanonicalEmbeddingResponse {
  if (!isRecord(json) || !Array.isArray(json.data)) throw new UpstreamProtocolError('malformed', 'returned an embeddings response without a data array');
  const vectors: number[][] = new Array(json.data.length);
  json.data.forEach((item: unknown, i: number) => {
    if (!isRecord(item) || !Array.isArray(item.embedding) || !item.embedding.every((x) => typeof x === 'number')) {
      throw new UpstreamProtocolError('malformed', 'returned an embedding that is not an array of numbers');
    }
    const index = typeof item.index === 'number' ? item.index : i;
    if (!Number.isInteger(index) || index < 0 || index >= vectors.length || vectors[index] !== undefined) {
      throw new UpstreamProtocolError('malformed', `returned an embedding with an invalid index ${index}`);
    }
    vectors[index] = item.embedding as number[];
  });
  const usage = emptyUsage();
  if (isRecord(json.usage)) {
    const prompt = json.usage.prompt_tokens;
    usage.inputUncached = typeof prompt === 'number' && Number.isFinite(prompt) && prompt > 0 ? Math.floor(prompt) : 0;
    usage.raw = json.usage;
  }
  return { model: typeof json.model === 'string' ? json.model : '', vectors, usage };
}
