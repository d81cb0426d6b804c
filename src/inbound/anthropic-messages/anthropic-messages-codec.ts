import type { InboundCodec } from '../inbound-codec.ts';
import { anthropicErrorBody } from './anthropic-error-type.ts';
import { AnthropicStreamEncoder } from './anthropic-stream-encoder.ts';
import { decodeAnthropicMessagesRequest } from './decode-anthropic-messages-request.ts';
import { encodeAnthropicMessage } from './encode-anthropic-message.ts';

/**
 * `POST /v1/messages` in Anthropic's own format, so the official `@anthropic-ai/sdk` (and Claude Code)
 * can reach any model through the gateway. https://docs.anthropic.com/en/api/messages
 */
export const anthropicMessagesCodec: InboundCodec = {
  api: 'anthropic-messages',
  decodeRequest: decodeAnthropicMessagesRequest,
  encodeResponse: encodeAnthropicMessage,
  createStreamEncoder: (ctx) => new AnthropicStreamEncoder(ctx),
  errorBody: anthropicErrorBody,
};
