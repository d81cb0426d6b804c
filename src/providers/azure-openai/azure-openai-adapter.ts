import type { CanonicalEmbeddingRequest } from '../../canonical/embeddings.ts';
import type { CanonicalRequest } from '../../canonical/request.ts';
import type { ProviderConfig } from '../../config/types.ts';
import { decodeOpenAIChatResponse } from '../openai/decode-openai-chat-response.ts';
import { encodeOpenAIChatBody } from '../openai/encode-openai-chat-body.ts';
import { OpenAIChatStreamDecoder } from '../openai/openai-chat-stream-decoder.ts';
import { decodeOpenAIEmbeddings, encodeOpenAIEmbeddingsBody } from '../openai/openai-embeddings.ts';
import { openAIRequestHeaders } from '../openai/openai-request-headers.ts';
import type { ProviderAdapter, UpstreamRequest } from '../provider-adapter.ts';
import { azureDeploymentPath } from './azure-openai-paths.ts';
import { classifyAzureOpenAIError } from './classify-azure-openai-error.ts';

/**
 * Azure OpenAI: OpenAI's chat and embeddings bodies at deployment-scoped paths with an `api-version`
 * query, authenticated by `api-key` or a Microsoft Entra ID bearer token (`azure_ad_token`, preferred
 * when both are set). Responses and streams are OpenAI's plus content-filter annotations, which the
 * shared OpenAI decoders skip (including the stream's first, choice-less prompt-filter chunk).
 * https://learn.microsoft.com/en-us/azure/ai-services/openai/reference
 */
export const azureOpenAIAdapter: ProviderAdapter = {
  type: 'azure-openai',
  encodeChatRequest(req: CanonicalRequest, p: ProviderConfig): UpstreamRequest {
    return {
      method: 'POST',
      path: azureDeploymentPath(p, req.model, 'chat/completions'),
      headers: { 'content-type': 'application/json', accept: req.stream ? 'text/event-stream' : 'application/json' },
      body: JSON.stringify(encodeOpenAIChatBody(req, 'max_completion_tokens')),
    };
  },
  sign(req: UpstreamRequest, p: ProviderConfig): UpstreamRequest {
    const headers = openAIRequestHeaders({ ...p, apiKey: undefined }, req.headers.accept ?? 'application/json');
    if (p.azureAdToken) headers.authorization = `Bearer ${p.azureAdToken}`;
    else if (p.apiKey) headers['api-key'] = p.apiKey;
    return { ...req, headers };
  },
  decodeChatResponse: decodeOpenAIChatResponse,
  createStreamDecoder: () => new OpenAIChatStreamDecoder(),
  classifyError: (status, headers, bodyText, providerId) => classifyAzureOpenAIError(providerId, status, headers, bodyText),
  embeddings: {
    encode(req: CanonicalEmbeddingRequest, p: ProviderConfig): UpstreamRequest {
      return {
        method: 'POST',
        path: azureDeploymentPath(p, req.model, 'embeddings'),
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(encodeOpenAIEmbeddingsBody(req)),
      };
    },
    decode: decodeOpenAIEmbeddings,
  },
};
