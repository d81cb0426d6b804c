/**
 * One chat call described independently of the inbound API, and its result normalized, so each
 * conformance case is written once and run through every API (OpenAI chat, Responses, Anthropic).
 */
export interface ChatCall {
  model: string;
  /** The last user message; `[emu …]` directives go here. */
  prompt: string;
  stream: boolean;
  /** Offer the `get_weather` tool. */
  tools?: boolean;
  /** Prepend a completed tool round-trip (assistant tool call + tool result) before the prompt. */
  toolResultTurn?: boolean;
  /** Attach a small base64 PNG to the prompt. */
  image?: boolean;
  /** Ask for JSON matching a schema. */
  jsonSchema?: boolean;
  /** Enable reasoning/thinking. */
  reasoning?: boolean;
  maxTokens?: number;
  /** Abort after this many streamed content deltas. */
  abortAfterDeltas?: number;
}

export interface NormalizedResult {
  text: string;
  reasoningText: string;
  toolCalls: { name: string; args: string }[];
  /** stop | length | tool_calls | content_filter (as the API reported it, mapped to these words). */
  finish: string;
  usage: { input: number; cached: number; output: number; reasoning?: number };
  deltas: number;
}

export const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

export const ANSWER_SCHEMA = {
  type: 'object',
  properties: { answer: { type: 'string' } },
  required: ['answer'],
  additionalProperties: false,
};

/** A 1×1 transparent PNG. */
export const TINY_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

export const PRIOR_CALL_ID = 'call_abc123XYZ';
