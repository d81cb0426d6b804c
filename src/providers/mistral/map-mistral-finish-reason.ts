import type { FinishReason } from '../../canonical/response.ts';

/**
 * Mistral's finish reasons: `stop`, `length` (max_tokens reached), `model_length` (the model's context
 * window filled up), `tool_calls`, `error` (generation failed part-way). Unknown values map to `other`.
 * https://docs.mistral.ai/api/#tag/chat (ChatCompletionChoice.finish_reason)
 */
export function mapMistralFinishReason(raw: string): FinishReason {
  switch (raw) {
    case 'stop':
      return 'stop';
    case 'length':
    case 'model_length':
      return 'length';
    case 'tool_calls':
      return 'tool_calls';
    case 'error':
      return 'error';
    default:
      return 'other';
  }
}
