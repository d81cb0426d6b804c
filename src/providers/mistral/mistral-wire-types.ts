/**
 * Mistral chat-completions request shapes, field for field as in the official SDK
 * (mistralai/client-ts `src/models/components`: ChatCompletionRequest, AssistantMessage, ThinkChunk,
 * ToolCall, FunctionT, JsonSchema). It resembles OpenAI's but is not the same: `random_seed` instead of
 * `seed`, `max_tokens` only, `tool_choice: 'any'`, `safe_prompt`, `prompt_mode`, `prefix` on a final
 * assistant message, thinking chunks, and unknown fields rejected with 422.
 * https://docs.mistral.ai/api/#tag/chat/operation/chat_completion_v1_chat_completions_post
 */
export type MistralContentChunk =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: string | { url: string; detail?: string } }
  | MistralThinkChunk;

/** Magistral reasoning output (and input on later turns): a list of text chunks. */
export interface MistralThinkChunk {
  type: 'thinking';
  thinking: Array<{ type: 'text'; text: string }>;
  closed?: boolean;
}

export interface MistralToolCall {
  /** Exactly 9 characters from [a-zA-Z0-9]; see `toMistralToolCallId`. */
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type MistralMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | MistralContentChunk[] }
  | { role: 'assistant'; content?: string | MistralContentChunk[]; tool_calls?: MistralToolCall[]; prefix?: boolean }
  | { role: 'tool'; tool_call_id: string; name?: string; content: string | MistralContentChunk[] };

/** `any` and `required` both force a call; the adapter sends `any`, the older and more widely accepted value. */
export type MistralToolChoice = 'auto' | 'none' | 'any' | 'required' | { type: 'function'; function: { name: string } };

export type MistralResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: { name: string; schema: Record<string, unknown>; strict?: boolean; description?: string } };

export interface MistralTool {
  type: 'function';
  function: { name: string; description?: string; parameters: Record<string, unknown>; strict?: boolean };
}

export interface MistralChatRequest {
  model: string;
  messages: MistralMessage[];
  stream?: boolean;
  max_tokens?: number;
  temperature?: number;
  top_p?: number;
  stop?: string[];
  random_seed?: number;
  presence_penalty?: number;
  frequency_penalty?: number;
  tools?: MistralTool[];
  tool_choice?: MistralToolChoice;
  parallel_tool_calls?: boolean;
  response_format?: MistralResponseFormat;
  safe_prompt?: boolean;
  /** `reasoning` selects Magistral's default reasoning system prompt; `null` turns it off. */
  prompt_mode?: string | null;
  /** `high` or `none` on models with adjustable reasoning. */
  reasoning_effort?: string;
  /** Routes requests that share a prefix to the same prompt cache. https://docs.mistral.ai/studio-api/conversations/advanced/prompt-caching */
  prompt_cache_key?: string;
}

/**
 * Mistral's usage object. `prompt_tokens` includes cached tokens (reported in
 * `prompt_tokens_details.cached_tokens`, billed at 10% of input); there is no reasoning-token breakdown:
 * `completion_tokens` includes thinking.
 */
export interface MistralUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number | null } | null;
}
