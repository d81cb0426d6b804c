import type { ProviderConfig } from '../../config/types.ts';
import type { ProviderAdapter, UpstreamRequest } from '../provider-adapter.ts';
import { classifyMistralError } from './classify-mistral-error.ts';
import { decodeMistralChatResponse } from './decode-mistral-chat-response.ts';
import { encodeMistralChatBody } from './encode-mistral-chat-request.ts';
import { decodeMistralEmbeddings, encodeMistralEmbeddingBody } from './mistral-embeddings.ts';
import { MistralStreamDecoder } from './mistral-stream-decoder.ts';

/** Mistral's API root; `base_url` in the provider config overrides it (paths below are relative to it). */
export const MISTRAL_DEFAULT_BASE_URL = 'https://api.mistral.ai/v1';

function post(path: string, p: ProviderConfig, body: unknown, accept: string): UpstreamRequest {
  return { method: 'POST', path, headers: { ...p.headers, 'content-type': 'application/json', accept }, body: JSON.stringify(body) };
}

/**
 * Mistral La Plateforme: chat completions (`POST /chat/completions`, JSON or data-only SSE) and
 * embeddings (`POST /embeddings`), authenticated with `Authorization: Bearer <api key>`.
 * https://docs.mistral.ai/api/
 */
export const mistralAdapter: ProviderAdapter = {
  type: 'mistral',
  encodeChatRequest(req, p) {
    return post('/chat/completions', p, encodeMistralChatBody(req), req.stream ? 'text/event-stream' : 'application/json');
  },
  sign(req, p) {
    return p.apiKey ? { ...req, headers: { ...req.headers, authorization: `Bearer ${p.apiKey}` } } : req;
  },
  decodeChatResponse: decodeMistralChatResponse,
  createStreamDecoder: () => new MistralStreamDecoder(),
  classifyError: (status, headers, bodyText, providerId) => classifyMistralError(providerId, status, headers, bodyText),
  embeddings: {
    encode: (req, p) => post('/embeddings', p, encodeMistralEmbeddingBody(req), 'application/json'),
    decode: decodeMistralEmbeddings,
  },
};
