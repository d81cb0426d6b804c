import type { CanonicalEmbeddingRequest } from '../../canonical/embeddings.ts';
import type { CanonicalRequest } from '../../canonical/request.ts';
import type { ProviderConfig } from '../../config/types.ts';
import type { ProviderAdapter, UpstreamRequest } from '../provider-adapter.ts';
import { classifyOpenAIError } from './classify-openai-error.ts';
import { decodeOpenAIChatResponse } from './decode-openai-chat-response.ts';
import { encodeOpenAIChatBody } from './encode-openai-chat-body.ts';
import { encodeOpenAIInputTokens } from './encode-openai-input-tokens.ts';
import { readTokenCount } from '../read-token-count.ts';
import { OpenAIChatStreamDecoder } from './openai-chat-stream-decoder.ts';
import { decodeOpenAIEmbeddings, encodeOpenAIEmbeddingsBody } from './openai-embeddings.ts';
import { openAIRequestHeaders } from './openai-request-headers.ts';

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };
const SSE_HEADERS = { 'content-type': 'application/json', accept: 'text/event-stream' };

/**
 * OpenAI Chat Completions in canonical form, for types `openai` and `openai-compatible`: what lets
 * Anthropic Messages and Responses clients reach OpenAI-wire models (OpenAI chat clients take the
 * byte-identity path instead). OpenAI-compatible servers get `max_tokens`, OpenAI `max_completion_tokens`.
 * Token counting uses the Responses API's `/responses/input_tokens` (type `openai` only: compatible servers lack it).
 * https://platform.openai.com/docs/api-reference/chat
 */
export const openAIAdapter: ProviderAdapter = {
  type: 'openai',
  encodeChatRequest(req: CanonicalRequest, p: ProviderConfig): UpstreamRequest {
    const body = encodeOpenAIChatBody(req, p.type === 'openai-compatible' ? 'max_tokens' : 'max_completion_tokens');
    return { method: 'POST', path: '/chat/completions', headers: { ...(req.stream ? SSE_HEADERS : JSON_HEADERS) }, body: JSON.stringify(body) };
  },
  sign(req: UpstreamRequest, p: ProviderConfig): UpstreamRequest {
    return { ...req, headers: openAIRequestHeaders(p, req.headers.accept ?? 'application/json') };
  },
  decodeChatResponse: decodeOpenAIChatResponse,
  createStreamDecoder: () => new OpenAIChatStreamDecoder(),
  classifyError: (status, headers, bodyText, providerId) => classifyOpenAIError(providerId, status, headers, bodyText),
  embeddings: {
    encode(req: CanonicalEmbeddingRequest): UpstreamRequest {
      return { method: 'POST', path: '/embeddings', headers: { ...JSON_HEADERS }, body: JSON.stringify(encodeOpenAIEmbeddingsBody(req)) };
    },
    decode: decodeOpenAIEmbeddings,
  },
  countTokens: {
    encode(req: CanonicalRequest, p: ProviderConfig): UpstreamRequest | undefined {
      if (p.type !== 'openai') return undefined;
      return { method: 'POST', path: '/responses/input_tokens', headers: { ...JSON_HEADERS }, body: JSON.stringify(encodeOpenAIInputTokens(req)) };
    },
    decode: (json) => readTokenCount(json, 'input_tokens'),
  },
};
