import type { CanonicalEmbeddingRequest, CanonicalEmbeddingResponse } from '../../canonical/embeddings.ts';
import { invalidRequest } from '../../server/http-error.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const n = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : 0);

/** `POST /embed` body (v2). `input_type` is required by Embed v3 and newer models. */
export interface CohereEmbedRequest {
  model: string;
  texts: string[];
  input_type: string;
  embedding_types: ['float'];
  output_dimension?: number;
}

/**
 * Canonical embeddings → Cohere. `input_type` defaults to `search_document` when the client gave none:
 * OpenAI-style clients embed mostly for storage, and it is the type Cohere recommends for indexed text
 * (queries should say `search_query`). Only `float` vectors are requested; token-array input is a 400.
 * https://docs.cohere.com/reference/embed
 */
export function encodeCohereEmbedBody(req: CanonicalEmbeddingRequest): CohereEmbedRequest {
  const texts: string[] = [];
  for (const item of req.input) {
    if (typeof item !== 'string') throw invalidRequest('unsupported_input', 'Cohere embeddings accept only text input, not token arrays', 'input');
    texts.push(item);
  }
  const body: CohereEmbedRequest = { model: req.model, texts, input_type: req.inputType ?? 'search_document', embedding_types: ['float'] };
  if (req.dimensions !== undefined) body.output_dimension = req.dimensions;
  return body;
}

/**
 * `{embeddings:{float:[…]}, meta:{billed_units:{input_tokens}}}` → vectors and usage. The response does not
 * name the model, so `model` is empty.
 */
export function decodeCohereEmbeddings(json: unknown): CanonicalEmbeddingResponse {
  const floats = isObject(json) && isObject(json.embeddings) ? json.embeddings.float : undefined;
  if (!Array.isArray(floats) || !floats.every(Array.isArray)) {
    throw new UpstreamProtocolError('malformed', 'returned a body that is not a Cohere embed response (no embeddings.float array)');
  }
  const meta = isObject(json) && isObject(json.meta) ? json.meta : {};
  const billed = isObject(meta.billed_units) ? meta.billed_units : {};
  return {
    model: '',
    vectors: floats as number[][],
    usage: { inputUncached: n(billed.input_tokens), inputCacheRead: 0, inputCacheWrite: 0, outputText: 0, outputReasoning: 0, raw: meta },
  };
}
