import type { CanonicalResponse } from '../../canonical/response.ts';
import type { EncodeContext } from '../inbound-codec.ts';
import { encodeOpenAIChatUsage, type OpenAIChatUsage } from './encode-openai-chat-usage.ts';
import { mapFinishReasonToOpenAI, type OpenAIChatFinishReason } from './map-finish-reason-to-openai.ts';

/** The `chat.completion` object (openai-node `ChatCompletion`), plus `reasoning_content` as DeepSeek and vLLM send it. */
export interface OpenAIChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: [{
    index: 0;
    message: {
      role: 'assistant';
      content: string | null;
      refusal: null;
      /** Model reasoning when the provider returned it as text; absent otherwise. */
      reasoning_content?: string;
      tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
    };
    logprobs: null;
    finish_reason: OpenAIChatFinishReason;
  }];
  usage: OpenAIChatUsage;
}

/** `chatcmpl-…` from the gateway's request id, so a response can be traced to its record. */
export function chatCompletionId(requestId: string): string {
  return `chatcmpl-${requestId.replaceAll('-', '')}`;
}

/**
 * Canonical response → `chat.completion`. Text parts are joined (content is null when the model
 * only called tools); reasoning text is exposed as `message.reasoning_content` (the DeepSeek / vLLM
 * convention, ignored by the OpenAI SDK); signatures and redacted reasoning are dropped.
 * https://platform.openai.com/docs/api-reference/chat/object
 */
export function encodeOpenAIChatResponse(res: CanonicalResponse, ctx: EncodeContext): OpenAIChatCompletion {
  let text: string | null = null;
  let reasoning: string | undefined;
  const toolCalls: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }> = [];
  for (const part of res.content) {
    if (part.type === 'text') text = (text ?? '') + part.text;
    else if (part.type === 'reasoning') reasoning = (reasoning ?? '') + part.text;
    else toolCalls.push({ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } });
  }
  if (text === null && toolCalls.length === 0) text = '';
  const message: OpenAIChatCompletion['choices'][0]['message'] = { role: 'assistant', content: text, refusal: null };
  if (reasoning) message.reasoning_content = reasoning;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return {
    id: chatCompletionId(ctx.requestId),
    object: 'chat.completion',
    created: ctx.createdAt,
    model: ctx.publicModel,
    choices: [{ index: 0, message, logprobs: null, finish_reason: mapFinishReasonToOpenAI(res.finishReason) }],
    usage: encodeOpenAIChatUsage(res.usage),
  };
}
