import { openAIErrorBody, type HttpError } from '../../server/http-error.ts';
import type { InboundCodec } from '../inbound-codec.ts';
import { decodeResponsesRequest } from './decode-responses-request.ts';
import { encodeResponsesResponse } from './encode-responses-response.ts';
import { createResponsesStreamEncoder } from './responses-stream-encoder.ts';

/**
 * The OpenAI Responses API (`POST /v1/responses`) as an inbound API, stateless: clients send the
 * whole conversation as `input` items. Errors use the OpenAI error shape.
 * https://platform.openai.com/docs/api-reference/responses
 */
export const openAIResponsesCodec: InboundCodec = {
  api: 'openai-responses',
  decodeRequest: decodeResponsesRequest,
  encodeResponse: encodeResponsesResponse,
  createStreamEncoder: createResponsesStreamEncoder,
  errorBody: (err: HttpError): unknown => JSON.parse(openAIErrorBody(err.type, err.code, err.message, err.param)),
};
