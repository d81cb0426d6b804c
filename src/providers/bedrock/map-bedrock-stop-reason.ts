import type { FinishReason } from '../../canonical/response.ts';

/**
 * Converse `stopReason` → canonical finish reason. Guardrail and content-filter stops are both
 * `content_filter`; `model_context_window_exceeded` (newer models) is `length`; anything else is
 * `other` with the raw value kept by the caller.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax
 */
export function mapBedrockStopReason(reason: string | undefined): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'tool_use':
      return 'tool_calls';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'guardrail_intervened':
    case 'content_filtered':
      return 'content_filter';
    default:
      return 'other';
  }
}

/** Anthropic-on-Bedrock reports the matched stop sequence in `additionalModelResponseFields.stop_sequence`. */
export function bedrockStopSequence(fields: unknown): string | undefined {
  const s = fields !== null && typeof fields === 'object' ? (fields as { stop_sequence?: unknown }).stop_sequence : undefined;
  return typeof s === 'string' ? s : undefined;
}
