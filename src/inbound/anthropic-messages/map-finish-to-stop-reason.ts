import type { FinishReason } from '../../canonical/response.ts';
import { ANTHROPIC_STOP_REASONS } from '../../providers/anthropic/anthropic-wire-types.ts';

/**
 * Canonical finish → Anthropic `stop_reason`. A raw reason that is already an Anthropic one (from an
 * Anthropic or Bedrock upstream) is kept as is, so `pause_turn` or `stop_sequence` survive the round trip.
 * https://docs.anthropic.com/en/api/handling-stop-reasons
 */
export function mapFinishToStopReason(finish: FinishReason, raw: string | undefined, stopSequence: string | undefined): string {
  if (raw !== undefined && ANTHROPIC_STOP_REASONS.has(raw)) return raw;
  switch (finish) {
    case 'stop':
      return stopSequence !== undefined ? 'stop_sequence' : 'end_turn';
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}
