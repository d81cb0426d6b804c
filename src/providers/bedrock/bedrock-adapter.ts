import type { ProviderAdapter } from '../provider-adapter.ts';
import { bedrockMaxInputsPerCall, decodeBedrockEmbeddings, encodeBedrockEmbeddings } from './bedrock-embeddings.ts';
import { createBedrockStreamDecoder } from './bedrock-stream-decoder.ts';
import { classifyBedrockError } from './classify-bedrock-error.ts';
import { decodeBedrockConverseResponse } from './decode-bedrock-converse-response.ts';
import { encodeBedrockConverseRequest } from './encode-bedrock-converse-request.ts';
import { signBedrockRequest } from './sign-bedrock-request.ts';

/**
 * Amazon Bedrock Runtime: chat through Converse / ConverseStream (one wire format for every model
 * family), embeddings through InvokeModel (Titan and Cohere bodies), AWS SigV4 auth.
 * Capabilities and gaps: see README.md in this folder.
 */
export const bedrockAdapter: ProviderAdapter = {
  type: 'bedrock',
  encodeChatRequest: encodeBedrockConverseRequest,
  sign: signBedrockRequest,
  decodeChatResponse: decodeBedrockConverseResponse,
  createStreamDecoder: createBedrockStreamDecoder,
  classifyError: classifyBedrockError,
  embeddings: {
    encode: encodeBedrockEmbeddings,
    decode: decodeBedrockEmbeddings,
    maxInputsPerCall: bedrockMaxInputsPerCall,
  },
};
