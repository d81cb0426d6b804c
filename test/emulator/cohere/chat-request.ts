/** A function tool offered by the request. */
export interface CohereEmuTool {
  name: string;
  parameters: unknown;
}

export type CohereEmuFormat = { type: 'text' } | { type: 'json_object'; schema: unknown };

/** The parts of a Cohere v2 chat request the emulator acts on, validated once. */
export interface CohereChatRequest {
  model: string;
  messages: readonly unknown[];
  stream: boolean;
  maxTokens: number | undefined;
  tools: readonly CohereEmuTool[];
  /** 'AUTO' (absent), 'REQUIRED' or 'NONE'. */
  toolChoice: string;
  responseFormat: CohereEmuFormat;
}

export type CohereChatParse = { ok: true; request: CohereChatRequest } | { ok: false; message: string };

type Body = Record<string, unknown>;

/** Top-level fields of the v2 chat request (cohere-ai/cohere-typescript V2ChatRequest); others are rejected. */
const FIELDS: ReadonlySet<string> = new Set([
  'model', 'messages', 'tools', 'strict_tools', 'documents', 'citation_options', 'response_format', 'safety_mode',
  'max_tokens', 'stop_sequences', 'temperature', 'seed', 'frequency_penalty', 'presence_penalty', 'k', 'p',
  'logprobs', 'tool_choice', 'thinking', 'stream', 'priority',
]);
const ROLES: ReadonlySet<string> = new Set(['system', 'user', 'assistant', 'tool']);

const isObject = (v: unknown): v is Body => v !== null && typeof v === 'object' && !Array.isArray(v);
const invalid = (message: string): CohereChatParse => ({ ok: false, message: `invalid request: ${message}` });

function tools(value: unknown): CohereEmuTool[] {
  if (!Array.isArray(value)) return [];
  const out: CohereEmuTool[] = [];
  for (const t of value) if (isObject(t) && isObject(t.function) && typeof t.function.name === 'string') out.push({ name: t.function.name, parameters: t.function.parameters });
  return out;
}

/** Validates a `POST /v2/chat` body the way Cohere does: unknown fields and bad values are a 400. */
export function parseCohereChatRequest(body: unknown): CohereChatParse {
  if (!isObject(body)) return invalid('body must be a JSON object');
  for (const key of Object.keys(body)) if (!FIELDS.has(key)) return invalid(`unknown field: parameter ${key} is not a valid field`);
  if (typeof body.model !== 'string' || body.model === '') return invalid('model must be specified');
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) return invalid('messages cannot be empty');
  for (const m of messages) {
    if (!isObject(m) || typeof m.role !== 'string' || !ROLES.has(m.role)) return invalid('each message must have a role of system, user, assistant or tool');
    if (m.role === 'tool' && typeof m.tool_call_id !== 'string') return invalid('tool messages must have a tool_call_id');
  }
  const max = body.max_tokens;
  if (max !== undefined && !(Number.isInteger(max) && (max as number) >= 1)) return invalid('max_tokens must be a positive integer');
  const choice = body.tool_choice;
  if (choice !== undefined && choice !== 'REQUIRED' && choice !== 'NONE') return invalid("tool_choice must be one of 'REQUIRED' or 'NONE'");
  const offered = tools(body.tools);
  if (choice !== undefined && offered.length === 0) return invalid('tool_choice can only be used with tools');
  const format = body.response_format;
  if (format !== undefined && !(isObject(format) && (format.type === 'text' || format.type === 'json_object'))) return invalid("response_format type must be 'text' or 'json_object'");
  return {
    ok: true,
    request: {
      model: body.model,
      messages,
      stream: body.stream === true,
      maxTokens: typeof max === 'number' ? max : undefined,
      tools: offered,
      toolChoice: typeof choice === 'string' ? choice : 'AUTO',
      responseFormat: isObject(format) && format.type === 'json_object' ? { type: 'json_object', schema: format.json_schema } : { type: 'text' },
    },
  };
}
