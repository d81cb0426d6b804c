import type { FinishReason } from './response.ts';
import type { Usage } from './usage.ts';

/**
 * One event of a canonical response stream. Content arrives in blocks, each opened, filled by
 * deltas and closed, identified by a `block` number that increases through the response (so
 * interleaved reasoning, text and parallel tool calls keep their order and identity).
 * Decoders emit `usage` whenever the provider reports it (the last one wins: providers report
 * cumulative totals), then exactly one `finish`. A stream that ends without `finish` was cut.
 */
export type StreamEvent =
  | { type: 'message_start'; id: string; model: string }
  | { type: 'text_start'; block: number }
  | { type: 'text_delta'; block: number; text: string }
  | { type: 'text_end'; block: number }
  | { type: 'reasoning_start'; block: number }
  | { type: 'reasoning_delta'; block: number; text: string }
  /** Anthropic's thinking signature (or redacted thinking data) for the block, sent whole. */
  | { type: 'reasoning_signature'; block: number; signature?: string; redactedData?: string }
  | { type: 'reasoning_end'; block: number }
  | { type: 'tool_call_start'; block: number; id: string; name: string }
  | { type: 'tool_call_delta'; block: number; argumentsDelta: string }
  | { type: 'tool_call_end'; block: number }
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; finishReason: FinishReason; rawFinishReason?: string; stopSequence?: string };
