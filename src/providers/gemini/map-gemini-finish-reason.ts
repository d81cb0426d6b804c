import type { FinishReason } from '../../canonical/response.ts';

const CONTENT_FILTER: ReadonlySet<string> = new Set([
  'SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII',
  'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT', 'IMAGE_RECITATION',
]);
const ERROR: ReadonlySet<string> = new Set(['MALFORMED_FUNCTION_CALL', 'UNEXPECTED_TOOL_CALL', 'TOO_MANY_TOOL_CALLS']);

/**
 * Gemini `finishReason` → canonical. Gemini has no "tool calls" reason: a STOP whose candidate holds
 * function calls is `tool_calls`. Safety, recitation and blocklist stops are `content_filter`; a
 * function call the model could not form is `error`; LANGUAGE, OTHER and unknown values are `other`.
 * https://ai.google.dev/api/generate-content#FinishReason
 */
export function mapGeminiFinishReason(reason: string, hasToolCalls: boolean): FinishReason {
  if (reason === 'STOP') return hasToolCalls ? 'tool_calls' : 'stop';
  if (reason === 'MAX_TOKENS') return 'length';
  if (CONTENT_FILTER.has(reason)) return 'content_filter';
  if (ERROR.has(reason)) return 'error';
  return 'other';
}

/** A prompt block (`promptFeedback.blockReason`, no candidates) ends the response as `content_filter`. */
export function promptBlockFinish(blockReason: string): { finishReason: FinishReason; rawFinishReason: string } {
  return { finishReason: 'content_filter', rawFinishReason: blockReason };
}
