import type { ProviderConfig } from '../../config/types.ts';
import type { ProviderAdapter, UpstreamRequest } from '../provider-adapter.ts';
import { classifyGoogleError } from './classify-google-error.ts';
import { decodeGeminiResponse } from './decode-gemini-response.ts';
import { encodeGeminiCountTokens } from './encode-gemini-count-tokens.ts';
import { encodeGeminiGenerateRequest } from './encode-gemini-generate-request.ts';
import { readTokenCount } from '../read-token-count.ts';
import { geminiModelPath } from './gemini-endpoints.ts';
import { decodeGeminiBatchEmbed, encodeGeminiBatchEmbed } from './gemini-embeddings.ts';
import { GeminiStreamDecoder } from './gemini-stream-decoder.ts';

export { GEMINI_DEFAULT_BASE_URL } from './gemini-endpoints.ts';

/** A JSON POST to the provider: operator headers first, then the body's own content type. */
export function googlePost(path: string, p: ProviderConfig, body: unknown, accept: string): UpstreamRequest {
  return { method: 'POST', path, headers: { ...p.headers, 'content-type': 'application/json', accept }, body: JSON.stringify(body) };
}

/**
 * The Gemini API (Google AI Studio): `models/{model}:generateContent`, `:streamGenerateContent?alt=sse`
 * (each SSE event a whole response fragment) and `:batchEmbedContents`, authenticated with the
 * `x-goog-api-key` header. https://ai.google.dev/api/generate-content
 */
export const geminiAdapter: ProviderAdapter = {
  type: 'gemini',
  encodeChatRequest(req, p) {
    const path = geminiModelPath(req.model, req.stream ? 'streamGenerateContent' : 'generateContent');
    return googlePost(path, p, encodeGeminiGenerateRequest(req), req.stream ? 'text/event-stream' : 'application/json');
  },
  sign(req, p) {
    return p.apiKey ? { ...req, headers: { ...req.headers, 'x-goog-api-key': p.apiKey } } : req;
  },
  decodeChatResponse: decodeGeminiResponse,
  createStreamDecoder: () => new GeminiStreamDecoder(),
  classifyError: (status, headers, bodyText, providerId) => classifyGoogleError(providerId, status, headers, bodyText, { setting: 'api_key' }),
  embeddings: {
    encode: (req, p) => googlePost(geminiModelPath(req.model, 'batchEmbedContents'), p, encodeGeminiBatchEmbed(req), 'application/json'),
    decode: decodeGeminiBatchEmbed,
  },
  countTokens: {
    encode: (req, p) => googlePost(geminiModelPath(req.model, 'countTokens'), p, encodeGeminiCountTokens(req), 'application/json'),
    decode: (json) => readTokenCount(json, 'totalTokens', true),
  },
};
