import type { ErrorDetail } from '../request-context.ts';
import type { ChatRequest } from '../openai/chat-request.ts';

/** A Converse body as the emulator acts on it, validated once; `chat` feeds the shared tool-call planner. */
export interface ConverseRequest {
  modelId: string;
  messages: readonly unknown[];
  system: readonly unknown[];
  maxTokens: number | undefined;
  /** JSON Schema from `outputConfig.textFormat` (structured output), parsed. */
  schema: unknown;
  chat: ChatRequest;
}

export type ConverseRequestResult = { ok: true; request: ConverseRequest } | { ok: false; error: ErrorDetail };

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const invalid = (message: string): ConverseRequestResult => ({ ok: false, error: { message, code: 'ValidationException' } });

/**
 * Validates a `POST /model/{modelId}/converse[-stream]` body with Bedrock's ValidationException
 * wording for the common mistakes: no messages, a turn without content, roles that are not
 * user/assistant, a conversation that does not start with the user, a bad maxTokens.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 */
export function parseConverseRequest(modelId: string, body: unknown): ConverseRequestResult {
  if (!isObject(body)) return invalid('Malformed input request: expected a JSON object.');
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) return invalid('A conversation must start with a user message. Try again with a conversation that starts with a user message.');
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    if (!isObject(m) || (m.role !== 'user' && m.role !== 'assistant')) {
      return invalid(`1 validation error detected: Value at 'messages.${i + 1}.member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]`);
    }
    if (!Array.isArray(m.content) || m.content.length === 0) return invalid(`The content field in the Message object at messages.${i} is empty. Add a ContentBlock object to the content field and try again.`);
  }
  if ((messages[0] as Obj).role !== 'user') return invalid('A conversation must start with a user message. Try again with a conversation that starts with a user message.');
  const inference = isObject(body.inferenceConfig) ? body.inferenceConfig : {};
  const maxTokens = inference.maxTokens;
  if (maxTokens !== undefined && !(Number.isInteger(maxTokens) && (maxTokens as number) >= 1)) {
    return invalid("1 validation error detected: Value at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1");
  }
  const toolConfig = isObject(body.toolConfig) ? body.toolConfig : {};
  const tools = Array.isArray(toolConfig.tools)
    ? toolConfig.tools.flatMap((t) => (isObject(t) && isObject(t.toolSpec) && typeof t.toolSpec.name === 'string'
      ? [{ name: t.toolSpec.name, parameters: isObject(t.toolSpec.inputSchema) ? t.toolSpec.inputSchema.json : undefined }]
      : []))
    : [];
  const choice = isObject(toolConfig.toolChoice) ? toolConfig.toolChoice : {};
  const forcedTool = isObject(choice.tool) && typeof choice.tool.name === 'string' ? choice.tool.name : undefined;
  const schema = structuredOutputSchema(body.outputConfig);
  if (schema === INVALID) return invalid('The provided JSON schema in outputConfig.textFormat is not valid JSON.');
  return {
    ok: true,
    request: {
      modelId,
      messages,
      system: Array.isArray(body.system) ? body.system : [],
      maxTokens: typeof maxTokens === 'number' ? maxTokens : undefined,
      schema,
      chat: {
        model: modelId,
        messages,
        stream: false,
        includeUsage: true,
        maxTokens: typeof maxTokens === 'number' ? maxTokens : undefined,
        tools,
        toolChoice: 'any' in choice ? 'required' : forcedTool !== undefined ? 'function' : 'auto',
        forcedTool,
        parallelToolCalls: true,
        responseFormat: schema === undefined ? { type: 'text' } : { type: 'json_schema', schema },
      },
    },
  };
}

const INVALID = Symbol('invalid schema');

function structuredOutputSchema(outputConfig: unknown): unknown {
  if (!isObject(outputConfig) || !isObject(outputConfig.textFormat)) return undefined;
  const structure = outputConfig.textFormat.structure;
  const jsonSchema = isObject(structure) && isObject(structure.jsonSchema) ? structure.jsonSchema : undefined;
  if (typeof jsonSchema?.schema !== 'string') return undefined;
  try {
    return JSON.parse(jsonSchema.schema) as unknown;
  } catch {
    return INVALID;
  }
}
