import type { ToolChoice, ToolDefinition } from '../../canonical/request.ts';
import {
  badField, isObject, readBoolean, readCacheControl, readString, requireString, unsupported,
} from './anthropic-request-fields.ts';

/**
 * Client tools (`name`, `description`, `input_schema`) → canonical tool definitions. Anthropic's server
 * and versioned tools (`web_search_…`, `bash_…`, `computer_…`) run inside Anthropic and have no meaning on
 * other providers, so they are refused with a 400. https://docs.anthropic.com/en/api/messages#body-tools
 */
export function decodeAnthropicTools(value: unknown): ToolDefinition[] {
  if (value == null) return [];
  if (!Array.isArray(value)) throw badField('tools', 'Input should be a valid list');
  return value.map((t, i) => {
    const path = `tools.${i}`;
    if (!isObject(t)) throw badField(path, 'Input should be an object');
    if (t.type != null && t.type !== 'custom') {
      throw unsupported(`${path}.type`, `server tool '${String(t.type)}' is not supported by this gateway; only client tools with an input_schema are`);
    }
    const name = requireString(t, 'name', `${path}.name`);
    const schema = t.input_schema;
    if (!isObject(schema)) throw badField(`${path}.input_schema`, schema === undefined ? 'Field required' : 'Input should be an object');
    const tool: ToolDefinition = { name, parameters: schema };
    const description = readString(t, 'description', `${path}.description`);
    if (description !== undefined) tool.description = description;
    const strict = readBoolean(t, 'strict', `${path}.strict`);
    if (strict !== undefined) tool.strict = strict;
    const cache = readCacheControl(t, path);
    if (cache !== undefined) tool.cacheControl = cache;
    return tool;
  });
}

/** `tool_choice` → canonical choice plus `disable_parallel_tool_use` as `parallelToolCalls: false`. */
export function decodeAnthropicToolChoice(value: unknown): { toolChoice?: ToolChoice; parallelToolCalls?: boolean } {
  if (value == null) return {};
  if (!isObject(value)) throw badField('tool_choice', 'Input should be an object');
  const single = readBoolean(value, 'disable_parallel_tool_use', 'tool_choice.disable_parallel_tool_use');
  const parallel = single === true ? { parallelToolCalls: false } : {};
  switch (value.type) {
    case 'auto':
      return { toolChoice: { type: 'auto' }, ...parallel };
    case 'any':
      return { toolChoice: { type: 'required' }, ...parallel };
    case 'tool':
      return { toolChoice: { type: 'tool', name: requireString(value, 'name', 'tool_choice.name') }, ...parallel };
    case 'none':
      return { toolChoice: { type: 'none' } };
    default:
      throw badField('tool_choice.type', "Input should be 'auto', 'any', 'tool' or 'none'");
  }
}
