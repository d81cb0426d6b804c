import type { CanonicalEmbeddingRequest, CanonicalEmbeddingResponse } from '../../canonical/embeddings.ts';
import { invalidRequest } from '../../server/http-error.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { mapMistralUsage } from './map-mistral-usage.ts';
import type { MistralUsage } from './mistral-wire-types.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `POST /embeddings` body: `input` strings only, `output_dimension` (codestral-embed) from `dimensions`. */
export interface MistralEmbeddingRequest {
  model: string;
  input: string[];
  output_dimension?: number;
}

/**
 * Canonical embeddings → Mistral. Mistral embeds text only, so token-array input is a client error (400)
 * rather than something to forward. `inputType` and `user` have no Mistral field and are dropped.
 * https://docs.mistral.ai/api/#tag/embeddings
 */
export function encodeMistralEmbeddingBody(req: CanonicalEmbeddingRequest): MistralEmbeddingRequest {
  const input: string[] = [];
  for (const item of req.input) {
    if (typeof item !== 'string') throw invalidRequest('unsupported_input', 'Mistral embeddings accept only text input, not token arrays', 'input');
    input.push(item);
  }
  const body: MistralEmbeddingRequest = { model: req.model, input };
  if (req.dimensions !== undefined) body.output_dimension = req.dimensions;
  return body;
}

/** `{data:[{embedding, index}], model, usage:{prompt_tokens}}` → vectors in input order and usage. */
export function decodeMistralEmbeddings(json: unknown): CanonicalEmbeddingResponse {
  if (!isObject(json) || !Array.isArray(json.data)) {
    throw new UpstreamProtocolError('malformed', 'returned a body that is not a Mistral embeddings list (no data array)');
  }
  const vectors: number[][] = new Array(json.data.length);
  json.data.forEach((item, position) => {
    if (!isObject(item) || !Array.isArray(item.embedding)) throw new UpstreamProtocolError('malformed', 'returned an embedding item without an embedding array');
    const index = typeof item.index === 'number' && item.index >= 0 && item.index < vectors.length ? item.index : position;
    vectors[index] = item.embedding as number[];
  });
  return {
    model: typeof json.model === 'string' ? json.model : '',
    vectors,
    usage: mapMistralUsage(isObject(json.usage) ? (json.usage as MistralUsage) : {}),
  };
}
