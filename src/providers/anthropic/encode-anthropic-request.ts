import type { CanonicalRequest, ToolDefinition } from '../../canonical/request.ts';
import { neverForwardedReason } from '../../config/never-forwarded-fields.ts';
import { JSON_OBJECT_TOOL, JSON_OBJECT_TOOL_NAME } from './anthropic-json-output.ts';
import type { AnthropicTextBlockParam, AnthropicTool, AnthropicToolChoice } from './anthropic-wire-types.ts';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.ts';
import { planThinking } from './map-reasoning-to-thinking.ts';

/** Keys the canonical request owns: an `extensions.anthropic` entry never replaces them. */
const CANONICAL_KEYS: ReadonlySet<string> = new Set(['model', 'messages', 'max_tokens', 'system', 'tools', 'tool_choice', 'stream']);
/** Object-valued keys both sides may fill (`output_config.format` from canonical, `.effort` from an Anthropic client). */
const MERGED_OBJECT_KEYS: ReadonlySet<string> = new Set(['metadata', 'output_config']);

/**
 * Canonical request → `POST /v1/messages` body. https://docs.anthropic.com/en/api/messages
 * Structured output: `json_schema` uses Anthropic's native `output_config.format`; `json_object` (which
 * has no native form) is emulated with one forced tool, but only when the request has no tools of its
 * own and no thinking (forced tool use is incompatible with both). Seed and presence/frequency penalties
 * have no Anthropic equivalent and are not sent. Unknown fields of an Anthropic client's request
 * (`extensions.anthropic`) are merged in last so a same-format call loses nothing, except names of
 * endpoints, credentials or headers (`api_base`, `api_key`, `extra_headers`, `x-…`), which are never forwarded.
 */
export function encodeAnthropicRequest(req: CanonicalRequest): Record<string, unknown> {
  const plan = planThinking(req.reasoning, req.maxOutputTokens);
  const body: Record<string, unknown> = { model: req.model, max_tokens: plan.maxTokens, messages: convertToAnthropicMessages(req.messages) };
  if (req.system.length > 0) body.system = req.system.map(systemBlock);
  const tools: AnthropicTool[] = req.tools.map(toolDefinition);
  let toolChoice = tools.length > 0 ? mapToolChoice(req) : undefined;
  const format = req.responseFormat;
  if (format?.type === 'json_object' && tools.length === 0 && plan.thinking === undefined) {
    tools.push({ ...JSON_OBJECT_TOOL, input_schema: { ...JSON_OBJECT_TOOL.input_schema } });
    toolChoice = { type: 'tool', name: JSON_OBJECT_TOOL_NAME };
  }
  if (tools.length > 0) body.tools = tools;
  if (toolChoice !== undefined) body.tool_choice = toolChoice;
  if (plan.thinking !== undefined) body.thinking = plan.thinking;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.topP !== undefined) body.top_p = req.topP;
  if (req.topK !== undefined) body.top_k = req.topK;
  if (req.stopSequences !== undefined && req.stopSequences.length > 0) body.stop_sequences = [...req.stopSequences];
  if (req.user !== undefined) body.metadata = { user_id: req.user };
  if (format?.type === 'json_schema') body.output_config = { format: { type: 'json_schema', schema: format.schema } };
  if (req.stream) body.stream = true;
  return mergeExtensions(body, req.extensions?.anthropic);
}

function systemBlock(part: { text: string; cacheControl?: { type: 'ephemeral'; ttl?: string } }): AnthropicTextBlockParam {
  const block: AnthropicTextBlockParam = { type: 'text', text: part.text };
  if (part.cacheControl !== undefined) block.cache_control = { ...part.cacheControl };
  return block;
}

function toolDefinition(t: ToolDefinition): AnthropicTool {
  const tool: AnthropicTool = { name: t.name, input_schema: { type: 'object', ...t.parameters } };
  if (t.description !== undefined) tool.description = t.description;
  if (t.strict !== undefined) tool.strict = t.strict;
  if (t.cacheControl !== undefined) tool.cache_control = { ...t.cacheControl };
  return tool;
}

function mapToolChoice(req: CanonicalRequest): AnthropicToolChoice | undefined {
  const single = req.parallelToolCalls === false ? { disable_parallel_tool_use: true } : {};
  switch (req.toolChoice?.type) {
    case undefined:
      return req.parallelToolCalls === false ? { type: 'auto', ...single } : undefined;
    case 'auto':
      return { type: 'auto', ...single };
    case 'required':
      return { type: 'any', ...single };
    case 'tool':
      return { type: 'tool', name: req.toolChoice.name, ...single };
    case 'none':
      return { type: 'none' };
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function mergeExtensions(body: Record<string, unknown>, ext: Record<string, unknown> | undefined): Record<string, unknown> {
  if (ext === undefined) return body;
  for (const key of Object.keys(ext)) {
    if (CANONICAL_KEYS.has(key) || neverForwardedReason(key) !== undefined) continue;
    const value = ext[key];
    const current = body[key];
    body[key] = MERGED_OBJECT_KEYS.has(key) && isPlainObject(current) && isPlainObject(value) ? { ...value, ...current } : value;
  }
  return body;
}
