import type { CanonicalRequest, ReasoningConfig, ResponseFormat, TextPart } from '../../canonical/request.ts';
import {
  badField, isObject, readBoolean, readCacheControl, readInteger, readNumber, readObject, requireString, type JsonObject,
} from './anthropic-request-fields.ts';
import { decodeAnthropicMessages } from './decode-anthropic-content.ts';
import { decodeAnthropicToolChoice, decodeAnthropicTools } from './decode-anthropic-tools.ts';

/** Fields with a canonical meaning; every other top-level field is kept in `extensions.anthropic`. */
const CANONICAL_FIELDS: ReadonlySet<string> = new Set([
  'model', 'messages', 'max_tokens', 'system', 'tools', 'tool_choice', 'temperature', 'top_p', 'top_k',
  'stop_sequences', 'stream', 'metadata', 'output_config', 'output_format',
]);

const EFFORTS: Readonly<Record<string, NonNullable<ReasoningConfig['effort']>>> = { low: 'low', medium: 'medium', high: 'high', xhigh: 'high', max: 'high' };

/**
 * A `POST /v1/messages` body → canonical request. https://docs.anthropic.com/en/api/messages
 * `thinking` becomes canonical reasoning (`enabled` → its budget; `adaptive` → an effort from
 * `output_config.effort`, default medium) and is also kept verbatim in `extensions.anthropic`, like every
 * unknown field, so an Anthropic upstream receives exactly what the client sent.
 * `output_config.format` (and the deprecated `output_format`) is the JSON-schema response format.
 */
export function decodeAnthropicMessagesRequest(body: JsonObject): CanonicalRequest {
  const model = requireString(body, 'model', 'model');
  if (model === '') throw badField('model', 'String should have at least 1 character');
  const maxTokens = readInteger(body, 'max_tokens', 'max_tokens', 0);
  if (maxTokens === undefined) throw badField('max_tokens', 'Field required');
  const req: CanonicalRequest = {
    model,
    system: decodeSystem(body.system),
    messages: decodeAnthropicMessages(body.messages),
    tools: decodeAnthropicTools(body.tools),
    maxOutputTokens: maxTokens,
    stream: readBoolean(body, 'stream', 'stream') ?? false,
  };
  Object.assign(req, decodeAnthropicToolChoice(body.tool_choice));
  const temperature = readNumber(body, 'temperature', 'temperature', 0, 1);
  if (temperature !== undefined) req.temperature = temperature;
  const topP = readNumber(body, 'top_p', 'top_p', 0, 1);
  if (topP !== undefined) req.topP = topP;
  const topK = readInteger(body, 'top_k', 'top_k', 1);
  if (topK !== undefined) req.topK = topK;
  const stops = decodeStopSequences(body.stop_sequences);
  if (stops !== undefined) req.stopSequences = stops;

  const ext: JsonObject = {};
  for (const [k, v] of Object.entries(body)) if (!CANONICAL_FIELDS.has(k)) ext[k] = v;
  const metadata = readObject(body, 'metadata', 'metadata');
  if (metadata !== undefined) {
    const { user_id: userId, ...rest } = metadata;
    if (userId != null && typeof userId !== 'string') throw badField('metadata.user_id', 'Input should be a valid string');
    if (typeof userId === 'string') req.user = userId;
    if (Object.keys(rest).length > 0) ext.metadata = rest;
  }
  const outputConfig = readObject(body, 'output_config', 'output_config');
  const format = outputConfig?.format ?? body.output_format;
  if (format != null) req.responseFormat = decodeFormat(format, outputConfig?.format != null ? 'output_config.format' : 'output_format');
  if (outputConfig !== undefined) {
    const { format: _format, ...rest } = outputConfig;
    if (Object.keys(rest).length > 0) ext.output_config = rest;
  }
  const reasoning = decodeThinking(body.thinking, outputConfig?.effort);
  if (reasoning !== undefined) req.reasoning = reasoning;
  if (Object.keys(ext).length > 0) req.extensions = { anthropic: ext };
  return req;
}

function decodeSystem(value: unknown): TextPart[] {
  if (value == null) return [];
  if (typeof value === 'string') return value === '' ? [] : [{ type: 'text', text: value }];
  if (!Array.isArray(value)) throw badField('system', 'Input should be a valid string or list of text blocks');
  return value.map((b, i) => {
    const path = `system.${i}`;
    if (!isObject(b)) throw badField(path, 'Input should be an object');
    if (b.type !== 'text') throw badField(`${path}.type`, "Input should be 'text'");
    const part: TextPart = { type: 'text', text: requireString(b, 'text', `${path}.text`) };
    const cache = readCacheControl(b, path);
    if (cache !== undefined) part.cacheControl = cache;
    return part;
  });
}

function decodeStopSequences(value: unknown): string[] | undefined {
  if (value == null) return undefined;
  if (!Array.isArray(value)) throw badField('stop_sequences', 'Input should be a valid list');
  value.forEach((s, i) => {
    if (typeof s !== 'string') throw badField(`stop_sequences.${i}`, 'Input should be a valid string');
  });
  return value.length > 0 ? (value as string[]) : undefined;
}

function decodeFormat(value: unknown, path: string): ResponseFormat {
  if (!isObject(value)) throw badField(path, 'Input should be an object');
  if (value.type !== 'json_schema') throw badField(`${path}.type`, "Input should be 'json_schema'");
  if (!isObject(value.schema)) throw badField(`${path}.schema`, 'Field required');
  return { type: 'json_schema', name: 'response', schema: value.schema };
}

function decodeThinking(value: unknown, effort: unknown): ReasoningConfig | undefined {
  if (value == null) return undefined;
  if (!isObject(value)) throw badField('thinking', 'Input should be an object');
  switch (value.type) {
    case 'enabled': {
      const budget = readInteger(value, 'budget_tokens', 'thinking.budget_tokens', 1);
      if (budget === undefined) throw badField('thinking.budget_tokens', 'Field required');
      return { budgetTokens: budget };
    }
    case 'adaptive':
      return { effort: (typeof effort === 'string' ? EFFORTS[effort] : undefined) ?? 'medium' };
    case 'disabled':
      return undefined;
    default:
      throw badField('thinking.type', "Input should be 'enabled', 'adaptive' or 'disabled'");
  }
}
