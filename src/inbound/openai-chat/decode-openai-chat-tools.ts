import type { ResponseFormat, ToolChoice, ToolDefinition } from '../../canonical/request.ts';
import { badParam, isAbsent, isRecord } from './openai-chat-field.ts';

/**
 * `tools`: only function tools translate to other providers; custom (free-form grammar) tools are refused.
 * https://platform.openai.com/docs/api-reference/chat/create#chat-create-tools
 */
export function decodeOpenAITools(raw: unknown): ToolDefinition[] {
  if (isAbsent(raw)) return [];
  if (!Array.isArray(raw)) throw badParam('tools', "Invalid type for 'tools': expected an array.", 'invalid_type');
  return raw.map((tool: unknown, i: number): ToolDefinition => {
    const param = `tools[${i}]`;
    if (!isRecord(tool)) throw badParam(param, `Invalid '${param}': expected an object.`, 'invalid_type');
    if (tool.type !== 'function') {
      throw badParam(`${param}.type`, `Tool type '${String(tool.type)}' in '${param}' is not supported for this model's provider; only 'function'.`, 'unsupported_value');
    }
    const fn = tool.function;
    if (!isRecord(fn) || typeof fn.name !== 'string' || fn.name === '') {
      throw badParam(`${param}.function.name`, `Missing required parameter: '${param}.function.name'.`, 'missing_required_parameter');
    }
    if (!isAbsent(fn.parameters) && !isRecord(fn.parameters)) {
      throw badParam(`${param}.function.parameters`, `Invalid type for '${param}.function.parameters': expected a JSON Schema object.`, 'invalid_type');
    }
    if (!isAbsent(fn.description) && typeof fn.description !== 'string') {
      throw badParam(`${param}.function.description`, `Invalid type for '${param}.function.description': expected a string.`, 'invalid_type');
    }
    const out: ToolDefinition = { name: fn.name, parameters: isRecord(fn.parameters) ? fn.parameters : { type: 'object', properties: {} } };
    if (typeof fn.description === 'string') out.description = fn.description;
    if (typeof fn.strict === 'boolean') out.strict = fn.strict;
    return out;
  });
}

/** `tool_choice`: 'auto' | 'none' | 'required' | {type:'function', function:{name}}. */
export function decodeOpenAIToolChoice(raw: unknown): ToolChoice | undefined {
  if (isAbsent(raw)) return undefined;
  if (raw === 'auto' || raw === 'none' || raw === 'required') return { type: raw };
  if (isRecord(raw) && raw.type === 'function' && isRecord(raw.function) && typeof raw.function.name === 'string') {
    return { type: 'tool', name: raw.function.name };
  }
  throw badParam('tool_choice', "Invalid 'tool_choice': expected 'auto', 'none', 'required' or {\"type\":\"function\",\"function\":{\"name\":\"…\"}}; other tool choices are not supported for this model's provider.");
}

/** `response_format`: text, json_object, or json_schema ({name, schema, description, strict}). */
export function decodeOpenAIResponseFormat(raw: unknown): ResponseFormat | undefined {
  if (isAbsent(raw)) return undefined;
  if (!isRecord(raw)) throw badParam('response_format', "Invalid type for 'response_format': expected an object.", 'invalid_type');
  if (raw.type === 'text' || raw.type === 'json_object') return { type: raw.type };
  if (raw.type !== 'json_schema') {
    throw badParam('response_format.type', "Invalid 'response_format.type': expected 'text', 'json_object' or 'json_schema'.");
  }
  const spec = raw.json_schema;
  if (!isRecord(spec) || typeof spec.name !== 'string' || spec.name === '') {
    throw badParam('response_format.json_schema.name', "Missing required parameter: 'response_format.json_schema.name'.", 'missing_required_parameter');
  }
  if (!isAbsent(spec.schema) && !isRecord(spec.schema)) {
    throw badParam('response_format.json_schema.schema', "Invalid type for 'response_format.json_schema.schema': expected a JSON Schema object.", 'invalid_type');
  }
  const out: ResponseFormat = { type: 'json_schema', name: spec.name, schema: isRecord(spec.schema) ? spec.schema : {} };
  if (typeof spec.description === 'string') out.description = spec.description;
  if (typeof spec.strict === 'boolean') out.strict = spec.strict;
  return out;
}
