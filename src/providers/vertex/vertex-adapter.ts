import { classifyGoogleError } from '../gemini/classify-google-error.ts';
import { decodeGeminiResponse } from '../gemini/decode-gemini-response.ts';
import { encodeVertexCountTokens } from '../gemini/encode-gemini-count-tokens.ts';
import { encodeGeminiGenerateRequest } from '../gemini/encode-gemini-generate-request.ts';
import { googlePost } from '../gemini/gemini-adapter.ts';
import { GeminiStreamDecoder } from '../gemini/gemini-stream-decoder.ts';
import type { ProviderAdapter } from '../provider-adapter.ts';
import { readTokenCount } from '../read-token-count.ts';
import { vertexAccessToken } from './vertex-access-token.ts';
import { decodeVertexPredictEmbeddings, encodeVertexPredictEmbeddings } from './vertex-embeddings.ts';
import { vertexModelPath } from './vertex-endpoints.ts';

export { vertexDefaultBaseUrl } from './vertex-endpoints.ts';

/**
 * Gemini on Vertex AI: the Gemini request/response translation at
 * `/projects/{project}/locations/{region}/publishers/google/models/{model}:generateContent` (and
 * `:streamGenerateContent?alt=sse`), text embeddings through `:predict`, authenticated with a
 * service-account OAuth access token (`Authorization: Bearer`), minted and cached by the signer.
 * https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/inference
 */
export const vertexAdapter: ProviderAdapter = {
  type: 'vertex',
  encodeChatRequest(req, p) {
    const path = vertexModelPath(p, req.model, req.stream ? 'streamGenerateContent' : 'generateContent');
    return googlePost(path, p, encodeGeminiGenerateRequest(req), req.stream ? 'text/event-stream' : 'application/json');
  },
  async sign(req, p, ctx) {
    const token = await vertexAccessToken(p, ctx);
    return { ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } };
  },
  decodeChatResponse: decodeGeminiResponse,
  createStreamDecoder: () => new GeminiStreamDecoder(),
  classifyError: (status, headers, bodyText, providerId) => classifyGoogleError(providerId, status, headers, bodyText, { setting: 'gcp_service_account' }),
  embeddings: {
    encode: (req, p) => googlePost(vertexModelPath(p, req.model, 'predict'), p, encodeVertexPredictEmbeddings(req), 'application/json'),
    decode: decodeVertexPredictEmbeddings,
  },
  countTokens: {
    encode: (req, p) => googlePost(vertexModelPath(p, req.model, 'countTokens'), p, encodeVertexCountTokens(req), 'application/json'),
    decode: (json) => readTokenCount(json, 'totalTokens', true),
  },
};
