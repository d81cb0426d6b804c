import type { ErrorDetail } from '../request-context.ts';
import type { ResponseFormat, ToolDefinition } from '../openai/chat-request.ts';

/** The parts of a `generateContent` body the emulator acts on, validated once. */
export interface GenerateRequest {
  contents: readonly Record<string, unknown>[];
  systemInstruction: unknown;
  /** `generationConfig.maxOutputTokens`. */
  maxTokens: number | undefined;
  tools: readonly ToolDefinition[];
  /** 'auto' | 'none' | 'required' (mode ANY), or 'function' when ANY allows exactly one name. */
  toolChoice: string;
  forcedTool: string | undefined;
  responseFormat: ResponseFormat;
  /** `generationConfig.thinkingConfig.includeThoughts`: thought summaries are returned as `thought` parts. */
  includeThoughts: boolean;
}

export type GenerateRequestResult = { ok: true; request: GenerateRequest } | { ok: false; error: ErrorDetail };

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const invalid = (message: string): GenerateRequestResult => ({ ok: false, error: { message } });

/**
 * Validates a `GenerateContentRequest` with Google's messages for the common mistakes.
 * https://ai.google.dev/api/generate-content#request-body
 */
export function parseGenerateRequest(body: unknown): GenerateRequestResult {
  if (!isObject(body)) return invalid('Invalid JSON payload received. Expected an object.');
  const contents = body.contents;
  if (!Array.isArray(contents) || contents.length === 0) return invalid('* GenerateContentRequest.contents: contents is not specified\n');
  for (let i = 0; i < contents.length; i++) {
    const c = contents[i];
    if (!isObject(c) || !Array.isArray(c.parts) || c.parts.length === 0) {
      return invalid(`* GenerateContentRequest.contents[${i}].parts: contents.parts must not be empty.\n`);
    }
    if (c.role !== undefined && c.role !== 'user' && c.role !== 'model') return invalid('Please use a valid role: user, model.');
  }
  const config = isObject(body.generationConfig) ? body.generationConfig : {};
  const max = config.maxOutputTokens;
  if (max !== undefined && !(Number.isInteger(max) && (max as number) >= 1)) {
    return invalid('* GenerateContentRequest.generation_config.max_output_tokens: must be a positive integer.\n');
  }
  const calling = isObject(body.toolConfig) && isObject(body.toolConfig.functionCallingConfig) ? body.toolConfig.functionCallingConfig : {};
  const allowed = Array.isArray(calling.allowedFunctionNames) ? calling.allowedFunctionNames.filter((n) => typeof n === 'string') : [];
  const mode = typeof calling.mode === 'string' ? calling.mode : 'AUTO';
  const forcedTool = mode === 'ANY' && allowed.length === 1 ? (allowed[0] as string) : undefined;
  const thinking = isObject(config.thinkingConfig) ? config.thinkingConfig : {};
  return {
    ok: true,
    request: {
      contents: contents as Obj[],
      systemInstruction: body.systemInstruction,
      maxTokens: typeof max === 'number' ? max : undefined,
      tools: functionDeclarations(body.tools),
      toolChoice: mode === 'NONE' ? 'none' : mode === 'ANY' ? (forcedTool !== undefined ? 'function' : 'required') : 'auto',
      forcedTool,
      responseFormat: responseFormat(config),
      includeThoughts: thinking.includeThoughts === true,
    },
  };
}

function functionDeclarations(tools: unknown): ToolDefinition[] {
  if (!Array.isArray(tools)) return [];
  const out: ToolDefinition[] = [];
  for (const tool of tools) {
    const decls = isObject(tool) ? (tool.functionDeclarations ?? tool.function_declarations) : undefined;
    if (!Array.isArray(decls)) continue;
    for (const d of decls) {
      if (isObject(d) && typeof d.name === 'string') out.push({ name: d.name, parameters: lowercaseTypes(d.parameters ?? d.parametersJsonSchema) });
    }
  }
  return out;
}

function responseFormat(config: Obj): ResponseFormat {
  if (config.responseMimeType !== 'application/json') return { type: 'text' };
  const schema = config.responseSchema ?? config.responseJsonSchema;
  return isObject(schema) ? { type: 'json_schema', schema: lowercaseTypes(schema) } : { type: 'json_object' };
}

/** Gemini's Schema accepts `STRING`-style type names; the shared JSON sampler reads JSON Schema's lowercase ones. */
function lowercaseTypes(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(lowercaseTypes);
  if (!isObject(schema)) return schema;
  const out: Obj = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'type' && typeof value === 'string') out.type = value.toLowerCase();
    else if (key === 'properties' && isObject(value)) out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, lowercaseTypes(v)]));
    else if (key === 'items' || key === 'anyOf') out[key] = lowercaseTypes(value);
    else out[key] = value;
  }
  return out;
}
