import type { CanonicalEmbeddingRequest, CanonicalEmbeddingResponse } from '../../canonical/embeddings.ts';
import type { ProviderConfig } from '../../config/types.ts';
import { HttpError } from '../../server/http-error.ts';
import { UpstreamProtocolError, type UpstreamRequest } from '../provider-adapter.ts';
import { bedrockModelPath } from './encode-bedrock-converse-request.ts';

type Headers = Record<string, string | string[] | undefined>;

/** Which InvokeModel body family an embedding model id speaks (base id, inference profile or ARN). */
export type BedrockEmbeddingFamily = 'titan' | 'cohere';

/** Cohere Embed on Bedrock takes at most 96 texts per call; Titan takes exactly one `inputText`. */
export const COHERE_MAX_TEXTS = 96;

export function bedrockEmbeddingFamily(modelId: string): BedrockEmbeddingFamily | undefined {
  if (/(^|[./:])amazon\.titan-embed-/.test(modelId)) return 'titan';
  if (/(^|[./:])cohere\.embed-/.test(modelId)) return 'cohere';
  return undefined;
}

export function bedrockMaxInputsPerCall(modelId: string): number {
  return bedrockEmbeddingFamily(modelId) === 'titan' ? 1 : COHERE_MAX_TEXTS;
}

const invalid = (code: string, message: string) => new HttpError(400, 'invalid_request_error', code, message, { param: 'input' });

/**
 * Embeddings via `POST /model/{modelId}/invoke`, body chosen by model family:
 * Titan Text Embeddings `{inputText, dimensions, normalize}` (one input per call; v2 takes
 * `dimensions` 256/512/1024 and normalizes), Cohere Embed `{texts, input_type}` (up to 96).
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed.html
 */
export function encodeBedrockEmbeddings(req: CanonicalEmbeddingRequest, p: ProviderConfig): UpstreamRequest {
  const family = bedrockEmbeddingFamily(req.model);
  if (!family) {
    throw new HttpError(400, 'invalid_request_error', 'unsupported_model', `Bedrock embeddings support amazon.titan-embed-* and cohere.embed-* models, not ${req.model}`, { param: 'model' });
  }
  if (!req.input.every((v) => typeof v === 'string')) throw invalid('unsupported_input', 'Bedrock embedding models take text input, not token arrays');
  const texts = req.input as string[];
  let body: Record<string, unknown>;
  if (family === 'titan') {
    if (texts.length !== 1) throw invalid('too_many_inputs', `${req.model} embeds one input per call; send one string (got ${texts.length})`);
    body = { inputText: texts[0] };
    if (req.dimensions !== undefined) body.dimensions = req.dimensions;
    if (req.model.includes('titan-embed-text-v2')) body.normalize = true;
  } else {
    if (texts.length > COHERE_MAX_TEXTS) throw invalid('too_many_inputs', `${req.model} embeds at most ${COHERE_MAX_TEXTS} inputs per call (got ${texts.length})`);
    body = { texts, input_type: req.inputType ?? 'search_document' };
  }
  return {
    method: 'POST',
    path: bedrockModelPath(req.model, 'invoke'),
    headers: { ...p.headers, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isVector = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');

/**
 * Titan `{embedding, inputTextTokenCount}` or Cohere `{embeddings}` (float arrays, or
 * `{float: [...]}` when embedding types were requested) → canonical. Cohere's body has no token
 * count; Bedrock reports it in the `x-amzn-bedrock-input-token-count` header, used when given.
 * The model name is not in the body, so `model` is empty (the gateway knows its target).
 */
export function decodeBedrockEmbeddings(json: unknown, headers?: Headers): CanonicalEmbeddingResponse {
  if (!isObject(json)) throw new UpstreamProtocolError('malformed', 'sent an embeddings response that is not a JSON object');
  let vectors: number[][];
  let tokens: number | undefined;
  if (isVector(json.embedding)) {
    vectors = [json.embedding];
    tokens = typeof json.inputTextTokenCount === 'number' ? json.inputTextTokenCount : undefined;
  } else {
    const e = isObject(json.embeddings) ? json.embeddings.float : json.embeddings;
    if (!Array.isArray(e) || !e.every(isVector)) throw new UpstreamProtocolError('malformed', 'sent an embeddings response without embedding or embeddings');
    vectors = e;
  }
  tokens ??= headerCount(headers?.['x-amzn-bedrock-input-token-count']);
  const n = tokens !== undefined && Number.isFinite(tokens) && tokens > 0 ? Math.floor(tokens) : 0;
  return { model: '', vectors, usage: { inputUncached: n, inputCacheRead: 0, inputCacheWrite: 0, outputText: 0, outputReasoning: 0, raw: json.inputTextTokenCount ?? headers?.['x-amzn-bedrock-input-token-count'] } };
}

function headerCount(h: string | string[] | undefined): number | undefined {
  const v = Array.isArray(h) ? h[0] : h;
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}
