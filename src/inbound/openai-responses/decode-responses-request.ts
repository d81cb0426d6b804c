import type { CanonicalRequest, ReasoningConfig, ResponseFormat, TextPart } from '../../canonical/request.ts';
import { convertResponsesInput } from './convert-responses-input.ts';
import { convertResponsesToolChoice, convertResponsesTools } from './convert-responses-tools.ts';
import {
  badField, isObject, readBoolean, readNumber, readObject, readPositiveInteger, readString, requireString, unsupported, withoutKeys, type JsonObject,
} from './read-request-fields.ts';

const KNOWN = new Set([
  'model', 'instructions', 'input', 'tools', 'tool_choice', 'parallel_tool_calls', 'text', 'reasoning', 'max_output_tokens',
  'temperature', 'top_p', 'user', 'metadata', 'stream', 'store', 'previous_response_id', 'conversation', 'prompt', 'background',
]);

/**
 * A `POST /v1/responses` body to the canonical request. The gateway is stateless: anything that
 * refers to state kept by OpenAI (`previous_response_id`, `conversation`, stored `prompt`s, `store: true`,
 * `background`) is refused with a 400 that says to send the full input instead. Fields with no canonical
 * meaning are kept in `extensions.openaiResponses`.
 * https://platform.openai.com/docs/api-reference/responses/create
 */
export function decodeResponsesRequest(body: JsonObject): CanonicalRequest {
  refuseStatefulFeatures(body);
  const model = requireString(body, 'model', 'model');
  const instructions = readString(body, 'instructions', 'instructions');
  const system: TextPart[] = instructions ? [{ type: 'text', text: instructions }] : [];
  if (body.input == null) throw badField('input', 'is required: a string or a non-empty array of input items');
  const { messages } = convertResponsesInput(body.input, system);
  const ext: JsonObject = {};
  for (const [k, v] of Object.entries(body)) if (!KNOWN.has(k)) ext[k] = v;

  const req: CanonicalRequest = { model, system, messages, tools: convertResponsesTools(body.tools), stream: readBoolean(body, 'stream', 'stream') ?? false };
  const toolChoice = convertResponsesToolChoice(body.tool_choice);
  if (toolChoice) req.toolChoice = toolChoice;
  const parallel = readBoolean(body, 'parallel_tool_calls', 'parallel_tool_calls');
  if (parallel !== undefined) req.parallelToolCalls = parallel;
  const maxOutputTokens = readPositiveInteger(body, 'max_output_tokens', 'max_output_tokens');
  if (maxOutputTokens !== undefined) req.maxOutputTokens = maxOutputTokens;
  const temperature = readNumber(body, 'temperature', 'temperature', 0, 2);
  if (temperature !== undefined) req.temperature = temperature;
  const topP = readNumber(body, 'top_p', 'top_p', 0, 1);
  if (topP !== undefined) req.topP = topP;
  const user = readString(body, 'user', 'user') ?? readString(body, 'safety_identifier', 'safety_identifier');
  if (user !== undefined) req.user = user;

  const text = readObject(body, 'text', 'text');
  if (text) {
    const format = convertTextFormat(text.format);
    if (format) req.responseFormat = format;
    const rest = withoutKeys(text, ['format']);
    if (rest) ext.text = rest;
  }
  const reasoning = readObject(body, 'reasoning', 'reasoning');
  if (reasoning) {
    const { config, rest } = convertReasoning(reasoning);
    if (config) req.reasoning = config;
    if (rest) ext.reasoning = rest;
  }
  const metadata = readObject(body, 'metadata', 'metadata');
  if (metadata) {
    for (const [k, v] of Object.entries(metadata)) if (typeof v !== 'string') throw badField(`metadata.${k}`, 'metadata values must be strings');
    ext.metadata = metadata;
  }
  if (body.store === false) ext.store = false;
  if (Object.keys(ext).length > 0) req.extensions = { openaiResponses: ext };
  return req;
}

function refuseStatefulFeatures(body: JsonObject): void {
  const stateless = 'this gateway is stateless and keeps no responses; send the full conversation in `input` (with store absent or false)';
  if (body.previous_response_id != null) throw unsupported('previous_response_id', stateless);
  if (body.conversation != null) throw unsupported('conversation', stateless);
  if (body.prompt != null) throw unsupported('prompt', 'stored prompt templates are not available through this gateway; send instructions and input instead');
  const store = readBoolean(body, 'store', 'store');
  if (store === true) throw unsupported('store', stateless);
  if (readBoolean(body, 'background', 'background') === true) throw unsupported('background', 'background responses need stored state, which this stateless gateway does not keep; use stream or a normal request');
}

/** `text.format`: text / json_object / json_schema. https://platform.openai.com/docs/guides/structured-outputs */
function convertTextFormat(format: unknown): ResponseFormat | undefined {
  if (format == null) return undefined;
  if (!isObject(format)) throw badField('text.format', 'must be an object');
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json_object' };
    case 'json_schema': {
      const name = requireString(format, 'name', 'text.format.name');
      const schema = readObject(format, 'schema', 'text.format.schema');
      if (!schema) throw badField('text.format.schema', 'is required for json_schema (a JSON Schema object)');
      const out: ResponseFormat = { type: 'json_schema', name, schema };
      const description = readString(format, 'description', 'text.format.description');
      if (description !== undefined) out.description = description;
      const strict = readBoolean(format, 'strict', 'text.format.strict');
      if (strict !== undefined) out.strict = strict;
      return out;
    }
    default:
      throw badField('text.format.type', "must be 'text', 'json_object' or 'json_schema'");
  }
}

const CANONICAL_EFFORTS = new Set(['minimal', 'low', 'medium', 'high']);
const OTHER_EFFORTS = new Set(['none', 'xhigh', 'max']);

/**
 * `reasoning.effort` to canonical effort. `xhigh`/`max` become `high` and `none` turns reasoning off for
 * translation; the original value stays in the extension for an OpenAI upstream.
 */
function convertReasoning(reasoning: JsonObject): { config?: ReasoningConfig; rest?: JsonObject } {
  const effort = reasoning.effort;
  if (effort == null) return { rest: withoutKeys(reasoning, ['effort']) };
  if (typeof effort === 'string' && CANONICAL_EFFORTS.has(effort)) {
    return { config: { effort: effort as ReasoningConfig['effort'] }, rest: withoutKeys(reasoning, ['effort']) };
  }
  if (typeof effort === 'string' && OTHER_EFFORTS.has(effort)) {
    return { config: effort === 'none' ? undefined : { effort: 'high' }, rest: reasoning };
  }
  throw badField('reasoning.effort', "must be one of 'none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'");
}
