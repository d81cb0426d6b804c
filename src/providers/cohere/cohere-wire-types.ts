/**
 * Cohere Chat v2 request shapes, after the official SDK (cohere-ai/cohere-typescript
 * `src/api/resources/v2`): messages with typed content blocks, assistant `tool_calls` + `tool_plan`,
 * tool results keyed by `tool_call_id`, `p`/`k` sampling, `tool_choice` REQUIRED/NONE, and `thinking`.
 * Cohere rejects unknown fields, so only these are ever sent. https://docs.cohere.com/reference/chat
 */
export type CohereUserContent = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string; detail?: string } };

export type CohereAssistantContent = { type: 'text'; text: string } | { type: 'thinking'; thinking: string };

export type CohereToolContent = { type: 'text'; text: string } | { type: 'document'; document: { data: string; id?: string } };

export interface CohereToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type CohereMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | CohereUserContent[] }
  | { role: 'assistant'; content?: CohereAssistantContent[]; tool_calls?: CohereToolCall[]; tool_plan?: string }
  | { role: 'tool'; tool_call_id: string; content: string | CohereToolContent[] };

export interface CohereTool {
  type: 'function';
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}

export interface CohereChatRequest {
  model: string;
  messages: CohereMessage[];
  stream?: boolean;
  tools?: CohereTool[];
  /** Forces every tool call to follow its schema; Cohere has one switch for all tools. */
  strict_tools?: boolean;
  tool_choice?: 'REQUIRED' | 'NONE';
  /** `json_schema` constrains the JSON object; there is no separate `json_schema` type. */
  response_format?: { type: 'json_object'; json_schema?: Record<string, unknown> };
  max_tokens?: number;
  temperature?: number;
  /** Nucleus sampling (OpenAI `top_p`). */
  p?: number;
  /** Top-k sampling. */
  k?: number;
  stop_sequences?: string[];
  seed?: number;
  frequency_penalty?: number;
  presence_penalty?: number;
  /** Reasoning models (Command A Reasoning): on with an optional token budget, or off. */
  thinking?: { type: 'enabled' | 'disabled'; token_budget?: number };
  safety_mode?: string;
  documents?: unknown[];
  citation_options?: Record<string, unknown>;
  priority?: number;
}

/**
 * Cohere's usage: `billed_units` is what Cohere invoices; `tokens` is the raw count including the prompt
 * template Cohere wraps around the messages; `cached_tokens` (inside `tokens.input_tokens`) is informational.
 */
export interface CohereUsage {
  billed_units?: { input_tokens?: number; output_tokens?: number };
  tokens?: { input_tokens?: number; output_tokens?: number };
  cached_tokens?: number;
}
