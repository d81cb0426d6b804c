import type { CanonicalRequest } from '../../canonical/request.ts';
import type { ProviderConfig } from '../../config/types.ts';
import type { ProviderAdapter } from '../provider-adapter.ts';
import { readTokenCount } from '../read-token-count.ts';
import { anthropicBetaHeader } from './anthropic-beta-header.ts';
import { anthropicRequestHeaders } from './anthropic-request-headers.ts';
import { AnthropicStreamDecoder } from './anthropic-stream-decoder.ts';
import { classifyAnthropicError } from './classify-anthropic-error.ts';
import { decodeAnthropicResponse } from './decode-anthropic-response.ts';
import { encodeAnthropicCountTokens } from './encode-anthropic-count-tokens.ts';
import { encodeAnthropicRequest } from './encode-anthropic-request.ts';

/**
 * Anthropic's Messages API (`POST /v1/messages`, and `/v1/messages/count_tokens` for counting), with the
 * client's `anthropic-beta` values that the provider allows. https://docs.anthropic.com/en/api/messages
 * Anthropic has no embeddings endpoint, so `embeddings` is absent.
 */
export const anthropicAdapter: ProviderAdapter = {
  type: 'anthropic',
  encodeChatRequest(req, p) {
    return {
      method: 'POST',
      path: '/messages',
      headers: withBeta({ 'content-type': 'application/json', accept: req.stream ? 'text/event-stream' : 'application/json' }, req, p),
      body: JSON.stringify(encodeAnthropicRequest(req)),
    };
  },
  sign(req, p) {
    return { ...req, headers: anthropicRequestHeaders(req.headers, p) };
  },
  decodeChatResponse: decodeAnthropicResponse,
  createStreamDecoder: () => new AnthropicStreamDecoder(),
  classifyError: (status, headers, bodyText, providerId) => classifyAnthropicError(providerId, status, headers, bodyText),
  countTokens: {
    encode: (req, p) => ({
      method: 'POST',
      path: '/messages/count_tokens',
      headers: withBeta({ 'content-type': 'application/json', accept: 'application/json' }, req, p),
      body: JSON.stringify(encodeAnthropicCountTokens(req)),
    }),
    decode: (json) => readTokenCount(json, 'input_tokens'),
  },
};

function withBeta(headers: Record<string, string>, req: CanonicalRequest, p: ProviderConfig): Record<string, string> {
  const beta = anthropicBetaHeader(req.anthropicBetas, p);
  if (beta !== undefined) headers['anthropic-beta'] = beta;
  return headers;
}
