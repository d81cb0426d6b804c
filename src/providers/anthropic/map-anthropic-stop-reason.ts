import type { FinishReason } from '../../canonical/response.ts';

/**
 * Anthropic `stop_reason` → canonical finish reason. `pause_turn` (a long server-tool turn paused) has
 * no canonical meaning: it is `other`, with the raw reason kept by the caller.
 * https://docs.anthropic.com/en/api/handling-stop-reasons
 */
export function mapAnthropicStopReason(reason: unknown): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'other';
  }
}
