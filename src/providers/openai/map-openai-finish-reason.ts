import type { FinishReason } from '../../canonical/response.ts';

/**
 * OpenAI chat `finish_reason` → canonical. `function_call` is the deprecated twin of `tool_calls`;
 * anything else (an OpenAI-compatible server's own reason) is `other`, with the raw string kept by the caller.
 * https://platform.openai.com/docs/api-reference/chat/object#chat/object-choices
 */
export function mapOpenAIFinishReason(raw: string | null | undefined): FinishReason {
  switch (raw) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    default:
      return 'other';
  }
}
