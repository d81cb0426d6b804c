import type { ToolChoice, ToolDefinition } from '../../canonical/request.ts';
import { badField, isObject, readBoolean, readString, requireString, unsupported } from './read-request-fields.ts';

/**
 * Responses `tools`: function tools only. Built-in tools (web_search, file_search, computer use,
 * code_interpreter, MCP…) run inside OpenAI's platform and cannot be routed to other providers.
 * https://platform.openai.com/docs/api-reference/responses/create#responses-create-tools
 */
export function convertResponsesTools(tools: unknown): ToolDefinition[] {
  if (tools == null) return [];
  if (!Array.isArray(tools)) throw badField('tools', 'must be an array');
  return tools.map((tool, i) => {
    const path = `tools[${i}]`;
    if (!isObject(tool)) throw badField(path, 'must be an object');
    if (tool.type !== 'function') {
      const type = typeof tool.type === 'string' ? `'${tool.type}'` : JSON.stringify(tool.type);
      throw unsupported(`${path}.type`, `built-in tool ${type} is not supported through this gateway; only function tools are`);
    }
    const name = requireString(tool, 'name', `${path}.name`);
    if (name.length === 0) throw badField(`${path}.name`, 'must not be empty');
    const description = readString(tool, 'description', `${path}.description`);
    const params = tool.parameters;
    if (params != null && !isObject(params)) throw badField(`${path}.parameters`, 'must be a JSON Schema object');
    const strict = readBoolean(tool, 'strict', `${path}.strict`);
    const def: ToolDefinition = { name, parameters: params ?? { type: 'object', properties: {} } };
    if (description !== undefined) def.description = description;
    if (strict !== undefined) def.strict = strict;
    return def;
  });
}

/** `tool_choice`: 'auto' | 'none' | 'required' | {type: 'function', name}. */
export function convertResponsesToolChoice(choice: unknown): ToolChoice | undefined {
  if (choice == null) return undefined;
  if (choice === 'auto' || choice === 'none' || choice === 'required') return { type: choice };
  if (isObject(choice) && choice.type === 'function') return { type: 'tool', name: requireString(choice, 'name', 'tool_choice.name') };
  if (isObject(choice) && typeof choice.type === 'string') {
    throw unsupported('tool_choice.type', `'${choice.type}' is not supported through this gateway; use 'auto', 'none', 'required' or {"type":"function","name":…}`);
  }
  throw badField('tool_choice', `must be 'auto', 'none', 'required' or {"type":"function","name":…}`);
}
