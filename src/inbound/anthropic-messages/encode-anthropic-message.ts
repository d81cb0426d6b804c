import type { AssistantPart } from '../../canonical/request.ts';
import type { CanonicalResponse } from '../../canonical/response.ts';
import type { Usage } from '../../canonical/usage.ts';
import { parseToolInput } from '../../providers/anthropic/convert-to-anthropic-messages.ts';
import type { EncodeContext } from '../inbound-codec.ts';
import { mapFinishToStopReason } from './map-finish-to-stop-reason.ts';

/** The `usage` object of a Message: input counts disjoint, `output_tokens` including thinking. */
export interface AnthropicMessageUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens_details?: { thinking_tokens: number };
}

/** A Message object as `POST /v1/messages` returns it. https://docs.anthropic.com/en/api/messages */
export interface AnthropicMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: Array<Record<string, unknown>>;
  stop_reason: string;
  stop_sequence: string | null;
  usage: AnthropicMessageUsage;
}

/** Message ids start with `msg_`; an upstream id in another family is replaced by one from the request id. */
export function anthropicMessageId(upstreamId: string, requestId: string): string {
  return upstreamId.startsWith('msg_') ? upstreamId : `msg_${requestId}`;
}

export function anthropicUsage(u: Usage): AnthropicMessageUsage {
  const usage: AnthropicMessageUsage = {
    input_tokens: u.inputUncached,
    output_tokens: u.outputText + u.outputReasoning,
    cache_creation_input_tokens: u.inputCacheWrite,
    cache_read_input_tokens: u.inputCacheRead,
  };
  if (u.outputReasoning > 0) usage.output_tokens_details = { thinking_tokens: u.outputReasoning };
  return usage;
}

/** One canonical part as a response content block; reasoning without a signature gets an empty one. */
export function contentBlock(part: AssistantPart): Record<string, unknown> {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'reasoning':
      return part.redactedData !== undefined
        ? { type: 'redacted_thinking', data: part.redactedData }
        : { type: 'thinking', thinking: part.text, signature: part.signature ?? '' };
    case 'tool_call':
      return { type: 'tool_use', id: part.id, name: part.name, input: parseToolInput(part.arguments) };
  }
}

/** Canonical response → Message; `model` is the name the client asked for. */
export function encodeAnthropicMessage(res: CanonicalResponse, ctx: EncodeContext): AnthropicMessage {
  return {
    id: anthropicMessageId(res.id, ctx.requestId),
    type: 'message',
    role: 'assistant',
    model: ctx.publicModel,
    content: res.content.map(contentBlock),
    stop_reason: mapFinishToStopReason(res.finishReason, res.rawFinishReason, res.stopSequence),
    stop_sequence: res.stopSequence ?? null,
    usage: anthropicUsage(res.usage),
  };
}
