import type { ErrorDetail } from '../request-context.ts';

/** A client tool offered by the request. */
export interface ToolDefinition {
  name: string;
  inputSchema: unknown;
}

/** The parts of a `POST /v1/messages` body the emulator acts on, validated once. */
export interface MessagesRequest {
  model: string;
  system: unknown;
  messages: readonly unknown[];
  maxTokens: number;
  stream: boolean;
  tools: readonly ToolDefinition[];
  /** 'auto' | 'any' | 'tool' | 'none'. */
  toolChoice: string;
  forcedTool: string | undefined;
  parallelToolCalls: boolean;
  /** The JSON Schema of `output_config.format` (or the deprecated `output_format`), when given. */
  jsonSchema: unknown;
}

export type MessagesRequestResult = { ok: true; request: MessagesRequest } | { ok: false; error: ErrorDetail };

type Body = Record<string, unknown>;

function isObject(value: unknown): value is Body {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function invalid(message: string): MessagesRequestResult {
  return { ok: false, error: { message, type: 'invalid_request_error' } };
}

/**
 * Validates a Messages body with Anthropic-style messages (`field: problem`) for the common mistakes:
 * a missing model, `max_tokens` or `messages`, and turns with a role other than user/assistant.
 * https://docs.anthropic.com/en/api/messages
 */
export function parseMessagesRequest(body: unknown): MessagesRequestResult {
  if (!isObject(body)) return invalid('Input should be a valid dictionary or object to extract fields from');
  if (typeof body.model !== 'string' || body.model === '') return invalid('model: Field required');
  const maxTokens = body.max_tokens;
  if (maxTokens === undefined || maxTokens === null) return invalid('max_tokens: Field required');
  if (!Number.isInteger(maxTokens) || (maxTokens as number) < 0) return invalid('max_tokens: Input should be a valid integer greater than or equal to 0');
  const messages = body.messages;
  if (messages === undefined || messages === null) return invalid('messages: Field required');
  if (!Array.isArray(messages)) return invalid('messages: Input should be a valid list');
  if (messages.length === 0) return invalid('messages: at least one message is required');
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    if (!isObject(m) || (m.role !== 'user' && m.role !== 'assistant')) return invalid(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    if (typeof m.content !== 'string' && !Array.isArray(m.content)) return invalid(`messages.${i}.content: Field required`);
  }
  const choice = isObject(body.tool_choice) ? body.tool_choice : {};
  const outputConfig = isObject(body.output_config) ? body.output_config : {};
  const format = isObject(outputConfig.format) ? outputConfig.format : isObject(body.output_format) ? body.output_format : undefined;
  return {
    ok: true,
    request: {
      model: body.model,
      system: body.system,
      messages,
      maxTokens: maxTokens as number,
      stream: body.stream === true,
      tools: clientTools(body.tools),
      toolChoice: typeof choice.type === 'string' ? choice.type : 'auto',
      forcedTool: choice.type === 'tool' && typeof choice.name === 'string' ? choice.name : undefined,
      parallelToolCalls: choice.disable_parallel_tool_use !== true,
      jsonSchema: format?.type === 'json_schema' ? format.schema : undefined,
    },
  };
}

function clientTools(tools: unknown): ToolDefinition[] {
  if (!Array.isArray(tools)) return [];
  const out: ToolDefinition[] = [];
  for (const tool of tools) {
    if (isObject(tool) && typeof tool.name === 'string' && tool.input_schema !== undefined) out.push({ name: tool.name, inputSchema: tool.input_schema });
  }
  return out;
}
