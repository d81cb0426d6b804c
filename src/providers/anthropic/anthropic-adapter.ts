import type { ProviderAdapter } from '../provider-adapter.ts';
import { anthropicRequestHeaders } from './anthropic-request-headers.ts';
import { AnthropicStreamDecoder } from './anthropic-stream-decoder.ts';
import { classifyAnthropicError } from './classify-anthropic-error.ts';
import { decodeAnthropicResponse } from './decode-anthropic-response.ts';
import { encodeAnthropicRequest } from './encode-anthropic-request.ts';

/**
 * Anthropic's Messages API (`POST /v1/messages`). https://docs.anthropic.com/en/api/messages
 * Anthropic has no embeddings endpoint, so `embeddings` is absent.
 */
export const anthropicAdapter: ProviderAdapter = {
  type: 'anthropic',
  encodeChatRequest(req) {
    return {
      method: 'POST',
      path: '/messages',
      headers: { 'content-type': 'application/json', accept: req.stream ? 'text/event-stream' : 'application/json' },
      body: JSON.stringify(encodeAnthropicRequest(req)),
    };
  },
  sign(req, p) {
    return { ...req, headers: anthropicRequestHeaders(req.headers, p) };
  },
  decodeChatResponse: decodeAnthropicResponse,
  createStreamDecoder: () => new AnthropicStreamDecoder(),
  classifyError: (status, headers, bodyText, providerId) => classifyAnthropicError(providerId, status, headers, bodyText),
};
