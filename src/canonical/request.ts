/**
 * The provider-neutral chat request every inbound API decodes to and every provider adapter
 * encodes from. Shaped after what the major APIs share (OpenAI chat/Responses, Anthropic Messages,
 * Gemini, Bedrock Converse); anything only one API has stays in `extensions`, keyed by that API,
 * so a same-format route can still forward it. See also vercel/ai LanguageModelV3 call options.
 */
export interface CanonicalRequest {
  /** Upstream model name (set per target by the executor). */
  model: string;
  /** System / developer instructions, in order. */
  system: TextPart[];
  messages: CanonicalMessage[];
  tools: ToolDefinition[];
  toolChoice?: ToolChoice;
  /** Whether the model may call several tools in one turn; undefined = provider default. */
  parallelToolCalls?: boolean;
  responseFormat?: ResponseFormat;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  stopSequences?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  reasoning?: ReasoningConfig;
  /** End-user id for abuse monitoring (OpenAI `user`, Anthropic `metadata.user_id`). */
  user?: string;
  stream: boolean;
  /** Fields of the inbound API that have no canonical meaning, by API (`openai`, `anthropic`, …). */
  extensions?: Record<string, Record<string, unknown>>;
  /**
   * The `anthropic-beta` values an Anthropic Messages client sent (a header, not a body field, so not in
   * `extensions`). Only an Anthropic upstream receives them, filtered by its `allowed_betas`.
   */
  anthropicBetas?: string[];
}

export interface ReasoningConfig {
  /** OpenAI-style effort; adapters map it to budgets where the provider wants tokens. */
  effort?: 'minimal' | 'low' | 'medium' | 'high';
  /** Anthropic / Gemini style thinking budget in tokens. */
  budgetTokens?: number;
}

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: Record<string, unknown>; description?: string; strict?: boolean };

export type ToolChoice = { type: 'auto' } | { type: 'none' } | { type: 'required' } | { type: 'tool'; name: string };

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters: Record<string, unknown>;
  strict?: boolean;
  /** Anthropic prompt-caching marker on this tool definition (caches the tools prefix up to here). */
  cacheControl?: TextPart['cacheControl'];
}

export type CanonicalMessage = UserMessage | AssistantMessage | ToolResultMessage;

export interface UserMessage {
  role: 'user';
  content: UserPart[];
}

export interface AssistantMessage {
  role: 'assistant';
  content: AssistantPart[];
}

/** The result of one tool call, sent back by the client. */
export interface ToolResultMessage {
  role: 'tool';
  toolCallId: string;
  /** Tool name when the inbound API carries it (Gemini needs it on the way out). */
  toolName?: string;
  content: UserPart[];
  isError?: boolean;
  /** Anthropic prompt-caching marker on the `tool_result` block (Claude Code puts its breakpoint there). */
  cacheControl?: TextPart['cacheControl'];
}

export interface TextPart {
  type: 'text';
  text: string;
  /** Anthropic prompt-caching marker on this part. */
  cacheControl?: { type: 'ephemeral'; ttl?: string };
}

export interface ImagePart {
  type: 'image';
  source: { kind: 'url'; url: string } | { kind: 'base64'; mediaType: string; data: string };
  /** OpenAI `detail`. */
  detail?: 'auto' | 'low' | 'high';
  /** Anthropic prompt-caching marker on this image block. */
  cacheControl?: TextPart['cacheControl'];
}

export type UserPart = TextPart | ImagePart;

/** Model reasoning. `signature` / `redactedData` must be sent back verbatim on the next turn (Anthropic). */
export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  signature?: string;
  redactedData?: string;
}

export interface ToolCallPart {
  type: 'tool_call';
  id: string;
  name: string;
  /** Arguments as JSON text, exactly as the model produced them. */
  arguments: string;
  /** Anthropic prompt-caching marker on this `tool_use` block. */
  cacheControl?: TextPart['cacheControl'];
}

export type AssistantPart = TextPart | ReasoningPart | ToolCallPart;
