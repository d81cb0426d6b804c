import { anthropicMessagesCodec } from './anthropic-messages/anthropic-messages-codec.ts';
import type { InboundCodec } from './inbound-codec.ts';
import { openAIChatCodec } from './openai-chat/openai-chat-codec.ts';
import { openAIResponsesCodec } from './openai-responses/openai-responses-codec.ts';

/** Every inbound chat API the data plane serves, by API. */
export const INBOUND_CODECS: Record<InboundCodec['api'], InboundCodec> = {
  'openai-chat': openAIChatCodec,
  'openai-responses': openAIResponsesCodec,
  'anthropic-messages': anthropicMessagesCodec,
};
