import type { AssistantPart } from './request.ts';
import type { Usage } from './usage.ts';

/**
 * Why generation stopped, normalized. `other` keeps the provider's raw reason in `rawFinishReason`.
 * OpenAI: stop/length/tool_calls/content_filter; Anthropic: end_turn/stop_sequence/max_tokens/tool_use/refusal/pause_turn;
 * Gemini: STOP/MAX_TOKENS/SAFETY/RECITATION/…; Bedrock: end_turn/tool_use/max_tokens/stop_sequence/guardrail_intervened/content_filtered.
 */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'error' | 'other';

export interface CanonicalResponse {
  id: string;
  /** Model as the provider reported it. */
  model: string;
  /** Ordered content blocks: reasoning, text and tool calls keep the order the provider gave them. */
  content: AssistantPart[];
  finishReason: FinishReason;
  /** The provider's own reason string, for faithful re-encoding into the same family. */
  rawFinishReason?: string;
  /** The stop sequence that ended generation, when the provider says which. */
  stopSequence?: string;
  usage: Usage;
  created?: number;
}
