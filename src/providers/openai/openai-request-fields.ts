/**
 * The top-level fields of `POST /chat/completions` as OpenAI documents them
 * (https://platform.openai.com/docs/api-reference/chat/create; `ChatCompletionCreateParamsBase` in
 * openai-node 7.57.0, the SDK version the tests run). The identity path forwards only these to an
 * `openai` upstream.
 */
export const OPENAI_CHAT_FIELDS: ReadonlySet<string> = new Set([
  'messages', 'model', 'audio', 'frequency_penalty', 'function_call', 'functions', 'logit_bias', 'logprobs',
  'max_completion_tokens', 'max_tokens', 'metadata', 'modalities', 'moderation', 'n', 'parallel_tool_calls', 'prediction',
  'presence_penalty', 'prompt_cache_key', 'prompt_cache_options', 'prompt_cache_retention', 'reasoning_effort',
  'response_format', 'safety_identifier', 'seed', 'service_tier', 'stop', 'store', 'stream', 'stream_options',
  'temperature', 'tool_choice', 'tools', 'top_logprobs', 'top_p', 'user', 'verbosity', 'web_search_options',
]);

/**
 * The top-level fields of `POST /embeddings` (https://platform.openai.com/docs/api-reference/embeddings/create;
 * `EmbeddingCreateParams` in openai-node 7.57.0).
 */
export const OPENAI_EMBEDDINGS_FIELDS: ReadonlySet<string> = new Set(['input', 'model', 'dimensions', 'encoding_format', 'user']);

/** The fields an OpenAI-wire upstream accepts on each identity endpoint: OpenAI's own, plus an `openai-compatible` provider's `extra_body_fields`. */
export interface OpenAIWireFields {
  chat: ReadonlySet<string>;
  embeddings: ReadonlySet<string>;
  /** True when the sets hold more than OpenAI's documented fields (an `openai-compatible` provider's `extra_body_fields`). */
  extended: boolean;
}

const OPENAI_ONLY: OpenAIWireFields = { chat: OPENAI_CHAT_FIELDS, embeddings: OPENAI_EMBEDDINGS_FIELDS, extended: false };

/** Built once per provider and config: OpenAI's own sets are shared, extended ones are built only when a provider lists extra fields. */
export function openAIWireFields(extra: readonly string[] | undefined): OpenAIWireFields {
  if (!extra || extra.length === 0) return OPENAI_ONLY;
  return { chat: new Set([...OPENAI_CHAT_FIELDS, ...extra]), embeddings: new Set([...OPENAI_EMBEDDINGS_FIELDS, ...extra]), extended: true };
}

/** The first top-level key of `body` not in `allowed`, or undefined: one walk over the keys of the parsed body. */
export function firstUnknownField(body: Record<string, unknown>, allowed: ReadonlySet<string>): string | undefined {
  for (const key in body) if (!allowed.has(key)) return key;
  return undefined;
}
