import type { ErrorDetail } from '../request-context.ts';

/** A function tool offered by the request. */
export interface ToolDefinition {
  name: string;
  parameters: unknown;
}

/** The requested output format; `schema` is the JSON Schema of a `json_schema` response format. */
export type ResponseFormat = { type: 'text' } | { type: 'json_object' } | { type: 'json_schema'; schema: unknown };

/** The parts of a chat completion request the emulator acts on, validated once. */
export interface ChatRequest {
  model: string;
  messages: readonly unknown[];
  stream: boolean;
  includeUsage: boolean;
  /** `max_completion_tokens`, else the deprecated `max_tokens`. */
  maxTokens: number | undefined;
  tools: readonly ToolDefinition[];
  /** 'none' | 'auto' | 'required', or the function name that `tool_choice` forces. */
  toolChoice: string;
  forcedTool: string | undefined;
  parallelToolCalls: boolean;
  responseFormat: ResponseFormat;
}

export type ChatRequestResult = { ok: true; request: ChatRequest } | { ok: false; error: ErrorDetail };

type Body = Record<string, unknown>;

function invalid(message: string, param: string | null, code: string | null): ChatRequestResult {
  return { ok: false, error: { message, param, code } };
}

function isObject(value: unknown): value is Body {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Validates a `POST /v1/chat/completions` body with OpenAI's messages for the common mistakes. */
export function parseChatRequest(body: unknown): ChatRequestResult {
  if (!isObject(body)) return invalid('Invalid type for request body: expected an object.', null, 'invalid_type');
  if (typeof body.model !== 'string' || body.model === '') return invalid('you must provide a model parameter', null, null);
  const messages = body.messages;
  if (messages === undefined || messages === null) {
    return invalid("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
  }
  if (!Array.isArray(messages)) {
    return invalid(`Invalid type for 'messages': expected an array of objects, but got ${typeof messages} instead.`, 'messages', 'invalid_type');
  }
  if (messages.length === 0) {
    return invalid("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.", 'messages', 'empty_array');
  }
  if (body.n !== undefined && body.n !== null && body.n !== 1) {
    return invalid('The emulator supports only n=1.', 'n', 'unsupported_value');
  }
  const maxParam = body.max_completion_tokens !== undefined && body.max_completion_tokens !== null ? 'max_completion_tokens' : 'max_tokens';
  const maxTokens = body[maxParam];
  if (maxTokens !== undefined && maxTokens !== null && !(Number.isInteger(maxTokens) && (maxTokens as number) >= 1)) {
    return invalid(`Invalid '${maxParam}': expected an integer of at least 1.`, maxParam, 'invalid_value');
  }
  const streamOptions = body.stream_options;
  const choice = body.tool_choice;
  const forcedTool = isObject(choice) && isObject(choice.function) && typeof choice.function.name === 'string'
    ? choice.function.name
    : undefined;
  return {
    ok: true,
    request: {
      model: body.model,
      messages,
      stream: body.stream === true,
      includeUsage: isObject(streamOptions) && streamOptions.include_usage === true,
      maxTokens: typeof maxTokens === 'number' ? maxTokens : undefined,
      tools: functionTools(body.tools),
      toolChoice: typeof choice === 'string' ? choice : forcedTool !== undefined ? 'function' : 'auto',
      forcedTool,
      parallelToolCalls: body.parallel_tool_calls !== false,
      responseFormat: responseFormat(body.response_format),
    },
  };
}

function functionTools(tools: unknown): ToolDefinition[] {
  if (!Array.isArray(tools)) return [];
  const out: ToolDefinition[] = [];
  for (const tool of tools) {
    if (isObject(tool) && isObject(tool.function) && typeof tool.function.name === 'string') {
      out.push({ name: tool.function.name, parameters: tool.function.parameters });
    }
  }
  return out;
}

function responseFormat(format: unknown): ResponseFormat {
  if (!isObject(format)) return { type: 'text' };
  if (format.type === 'json_object') return { type: 'json_object' };
  if (format.type === 'json_schema') {
    const spec = format.json_schema;
    return { type: 'json_schema', schema: isObject(spec) ? spec.schema : undefined };
  }
  return { type: 'text' };
}
