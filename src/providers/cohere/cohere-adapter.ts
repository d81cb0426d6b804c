import type { ProviderConfig } from '../../config/types.ts';
import type { ProviderAdapter, UpstreamRequest } from '../provider-adapter.ts';
import { classifyCohereError } from './classify-cohere-error.ts';
import { CohereStreamDecoder } from './cohere-stream-decoder.ts';
import { decodeCohereEmbeddings, encodeCohereEmbedBody } from './cohere-embeddings.ts';
import { decodeCohereChatResponse } from './decode-cohere-chat-response.ts';
import { encodeCohereChatBody } from './encode-cohere-chat-request.ts';

/** Cohere's v2 API root; `base_url` in the provider config overrides it (paths below are relative to it). */
export const COHERE_DEFAULT_BASE_URL = 'https://api.cohere.com/v2';

function post(path: string, p: ProviderConfig, body: unknown, accept: string): UpstreamRequest {
  return { method: 'POST', path, headers: { ...p.headers, 'content-type': 'application/json', accept }, body: JSON.stringify(body) };
}

/**
 * Cohere v2: chat (`POST /chat`, JSON or named-event SSE) and embeddings (`POST /embed`), authenticated
 * with `Authorization: Bearer <api key>`. https://docs.cohere.com/reference/chat
 */
export const cohereAdapter: ProviderAdapter = {
  type: 'cohere',
  encodeChatRequest(req, p) {
    return post('/chat', p, encodeCohereChatBody(req), req.stream ? 'text/event-stream' : 'application/json');
  },
  sign(req, p) {
    return p.apiKey ? { ...req, headers: { ...req.headers, authorization: `Bearer ${p.apiKey}` } } : req;
  },
  decodeChatResponse: decodeCohereChatResponse,
  createStreamDecoder: () => new CohereStreamDecoder(),
  classifyError: (status, headers, bodyText, providerId) => classifyCohereError(providerId, status, headers, bodyText),
  embeddings: {
    encode: (req, p) => post('/embed', p, encodeCohereEmbedBody(req), 'application/json'),
    decode: decodeCohereEmbeddings,
  },
};
