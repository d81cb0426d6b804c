import { openAIErrorBody, type HttpError } from '../../server/http-error.ts';
import type { InboundCodec } from '../inbound-codec.ts';
import { decodeOpenAIChatRequest } from './decode-openai-chat-request.ts';
import { encodeOpenAIChatResponse } from './encode-openai-chat-response.ts';
import { createOpenAIChatStreamEncoder } from './openai-chat-stream-encoder.ts';

/**
 * OpenAI Chat Completions (`POST /v1/chat/completions`) for targets that do not speak OpenAI's wire
 * format; OpenAI-to-OpenAI routes take the byte-identity path instead and never decode the body.
 * https://platform.openai.com/docs/api-reference/chat
 */
export const openAIChatCodec: InboundCodec = {
  api: 'openai-chat',
  decodeRequest: decodeOpenAIChatRequest,
  encodeResponse: encodeOpenAIChatResponse,
  createStreamEncoder: createOpenAIChatStreamEncoder,
  errorBody(err: HttpError): unknown {
    return JSON.parse(openAIErrorBody(err.type, err.code, err.message, err.param));
  },
};
