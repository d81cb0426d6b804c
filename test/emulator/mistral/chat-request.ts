import type { ValidationItem } from './errors.ts';

/** A function tool offered by the request. */
export interface MistralEmuTool {
  name: string;
  parameters: unknown;
}

export type MistralEmuFormat = { type: 'text' } | { type: 'json_object' } | { type: 'json_schema'; schema: unknown };

/** The parts of a Mistral chat request the emulator acts on, validated once. */
export interface MistralChatRequest {
  model: string;
  messages: readonly unknown[];
  stream: boolean;
  maxTokens: number | undefined;
  tools: readonly MistralEmuTool[];
  /** 'auto' | 'none' | 'any' | 'required', or 'function' when `tool_choice` names one. */
  toolChoice: string;
  forcedTool: string | undefined;
  parallelToolCalls: boolean;
  responseFormat: MistralEmuFormat;
}

/** A request Mistral's validator rejects (422) or its serving layer refuses (400). */
export type MistralChatParse =
  | { ok: true; request: MistralChatRequest }
  | { ok: false; status: 422; items: ValidationItem[] }
  | { ok: false; status: 400; message: string };

type Body = Record<string, unknown>;

/** Top-level fields of ChatCompletionRequest (mistralai/client-ts); anything else is `extra_forbidden`. */
const FIELDS: ReadonlySet<string> = new Set([
  'model', 'temperature', 'top_p', 'max_tokens', 'stream', 'stop', 'random_seed', 'messages', 'response_format',
  'tools', 'tool_choice', 'presence_penalty', 'frequency_penalty', 'n', 'prediction', 'parallel_tool_calls',
  'prompt_mode', 'safe_prompt', 'reasoning_effort', 'prompt_cache_key', 'metadata', 'guardrails',
  'document_image_limit', 'document_page_limit',
]);
const TOOL_CHOICES: ReadonlySet<string> = new Set(['auto', 'none', 'any', 'required']);
const TOOL_CALL_ID = /^[a-zA-Z0-9]{9}$/;

const isObject = (v: unknown): v is Body => v !== null && typeof v === 'object' && !Array.isArray(v);
const item = (type: string, field: string, msg: string, input: unknown): ValidationItem => ({ type, loc: ['body', field], msg, input });

function tools(value: unknown): MistralEmuTool[] {
  if (!Array.isArray(value)) return [];
  const out: MistralEmuTool[] = [];
  for (const t of value) if (isObject(t) && isObject(t.function) && typeof t.function.name === 'string') out.push({ name: t.function.name, parameters: t.function.parameters });
  return out;
}

function responseFormat(value: unknown): MistralEmuFormat {
  if (!isObject(value)) return { type: 'text' };
  if (value.type === 'json_object') return { type: 'json_object' };
  if (value.type === 'json_schema') return { type: 'json_schema', schema: isObject(value.json_schema) ? value.json_schema.schema : undefined };
  return { type: 'text' };
}

/** Mistral's serving checks: 9-character tool-call ids and a conversation that ends with user/tool or a prefix. */
function servingError(messages: readonly unknown[]): string | undefined {
  for (const m of messages) {
    if (!isObject(m)) continue;
    const ids: unknown[] = m.role === 'tool' ? [m.tool_call_id] : Array.isArray(m.tool_calls) ? m.tool_calls.map((c) => (isObject(c) ? c.id : undefined)) : [];
    for (const id of ids) {
      if (typeof id !== 'string' || !TOOL_CALL_ID.test(id)) return `Tool call id was ${String(id)} but must be a-z, A-Z, 0-9, with a length of 9.`;
    }
  }
  const last = messages[messages.length - 1];
  const role = isObject(last) ? last.role : undefined;
  if (role === 'user' || role === 'tool' || (role === 'assistant' && isObject(last) && last.prefix === true)) return undefined;
  return `Expected last role User or Tool (or Assistant with prefix True) for serving but got ${String(role)}`;
}

/** Validates a `POST /v1/chat/completions` body the way Mistral does (strict fields, 422 details). */
export function parseMistralChatRequest(body: unknown): MistralChatParse {
  if (!isObject(body)) return { ok: false, status: 422, items: [{ type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', input: body }] };
  const items: ValidationItem[] = [];
  for (const key of Object.keys(body)) if (!FIELDS.has(key)) items.push(item('extra_forbidden', key, 'Extra inputs are not permitted', body[key]));
  if (typeof body.model !== 'string' || body.model === '') items.push(item('missing', 'model', 'Field required', body));
  const messages = body.messages;
  if (!Array.isArray(messages)) items.push(item('missing', 'messages', 'Field required', body));
  else if (messages.length === 0) items.push(item('too_short', 'messages', 'List should have at least 1 item after validation, not 0', messages));
  const max = body.max_tokens;
  if (max !== undefined && max !== null && !(Number.isInteger(max) && (max as number) >= 0)) items.push(item('greater_than_equal', 'max_tokens', 'Input should be greater than or equal to 0', max));
  if (body.n !== undefined && body.n !== null && body.n !== 1) items.push(item('literal_error', 'n', 'The emulator supports only n=1', body.n));
  const choice = body.tool_choice;
  const forcedTool = isObject(choice) && isObject(choice.function) && typeof choice.function.name === 'string' ? choice.function.name : undefined;
  if (choice !== undefined && !(typeof choice === 'string' && TOOL_CHOICES.has(choice)) && forcedTool === undefined) {
    items.push(item('union_tag_invalid', 'tool_choice', "Input should be 'auto', 'none', 'any', 'required' or a function tool choice", choice));
  }
  if (items.length > 0 || !Array.isArray(messages)) return { ok: false, status: 422, items };
  const serving = servingError(messages);
  if (serving !== undefined) return { ok: false, status: 400, message: serving };
  return {
    ok: true,
    request: {
      model: body.model as string,
      messages,
      stream: body.stream === true,
      maxTokens: typeof max === 'number' ? max : undefined,
      tools: tools(body.tools),
      toolChoice: typeof choice === 'string' ? choice : forcedTool !== undefined ? 'function' : 'auto',
      forcedTool,
      parallelToolCalls: body.parallel_tool_calls !== false,
      responseFormat: responseFormat(body.response_format),
    },
  };
}
