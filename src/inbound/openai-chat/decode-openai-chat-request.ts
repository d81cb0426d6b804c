import type { CanonicalRequest, ReasoningConfig } from '../../canonical/request.ts';
import { decodeOpenAIChatMessages } from './decode-openai-chat-messages.ts';
import { decodeOpenAIResponseFormat, decodeOpenAIToolChoice, decodeOpenAITools } from './decode-openai-chat-tools.ts';
import { badParam, isAbsent, isRecord, optionalBoolean, optionalInteger, optionalNumber, optionalString } from './openai-chat-field.ts';

/** Parameters with a canonical meaning; every other top-level field is kept in `extensions.openai`. */
const CONSUMED: ReadonlySet<string> = new Set([
  'model', 'messages', 'tools', 'tool_choice', 'parallel_tool_calls', 'response_format', 'max_completion_tokens', 'max_tokens',
  'temperature', 'top_p', 'stop', 'seed', 'presence_penalty', 'frequency_penalty', 'reasoning_effort', 'user', 'stream',
  'stream_options', 'n',
]);

const CANONICAL_EFFORT: ReadonlySet<string> = new Set(['minimal', 'low', 'medium', 'high']);
/** Efforts past `high`: sent as `high` to other providers, verbatim to OpenAI-wire ones (through `extensions.openai`). */
const ABOVE_HIGH: ReadonlySet<string> = new Set(['xhigh', 'max']);

/**
 * A `POST /v1/chat/completions` body → canonical request. Throws a 400 naming the parameter on any
 * value OpenAI would refuse or that cannot be translated (n > 1, legacy functions, non-function tools).
 * https://platform.openai.com/docs/api-reference/chat/create
 */
export function decodeOpenAIChatRequest(body: Record<string, unknown>): CanonicalRequest {
  if (typeof body.model !== 'string' || body.model === '') throw badParam('model', "Missing required parameter: 'model'.", 'missing_required_parameter');
  if (!isAbsent(body.functions) || !isAbsent(body.function_call)) {
    const param = isAbsent(body.functions) ? 'function_call' : 'functions';
    throw badParam(param, `The deprecated '${param}' parameter is not supported for this model's provider; use 'tools' and 'tool_choice'.`, 'unsupported_parameter');
  }
  const n = optionalInteger(body.n, 'n', 1);
  if (n !== undefined && n > 1) throw badParam('n', "n > 1 is not supported for this model's provider", 'unsupported_value');

  const { system, messages } = decodeOpenAIChatMessages(body.messages);
  const extensions = extraFields(body);
  const req: CanonicalRequest = {
    model: body.model,
    system,
    messages,
    tools: decodeOpenAITools(body.tools),
    stream: optionalBoolean(body.stream, 'stream') ?? false,
  };
  const set = <K extends keyof CanonicalRequest>(key: K, value: CanonicalRequest[K] | undefined) => {
    if (value !== undefined) req[key] = value;
  };
  set('toolChoice', decodeOpenAIToolChoice(body.tool_choice));
  set('parallelToolCalls', optionalBoolean(body.parallel_tool_calls, 'parallel_tool_calls'));
  set('responseFormat', decodeOpenAIResponseFormat(body.response_format));
  const maxParam = isAbsent(body.max_completion_tokens) ? 'max_tokens' : 'max_completion_tokens';
  set('maxOutputTokens', optionalInteger(body[maxParam], maxParam, 1));
  set('temperature', optionalNumber(body.temperature, 'temperature', 0, 2));
  set('topP', optionalNumber(body.top_p, 'top_p', 0, 1));
  set('stopSequences', decodeStop(body.stop));
  set('seed', optionalInteger(body.seed, 'seed', Number.MIN_SAFE_INTEGER));
  set('presencePenalty', optionalNumber(body.presence_penalty, 'presence_penalty', -2, 2));
  set('frequencyPenalty', optionalNumber(body.frequency_penalty, 'frequency_penalty', -2, 2));
  set('reasoning', decodeReasoningEffort(body.reasoning_effort, extensions));
  set('user', optionalString(body.user, 'user'));
  if (!isAbsent(body.stream_options) && !isRecord(body.stream_options)) {
    throw badParam('stream_options', "Invalid type for 'stream_options': expected an object.", 'invalid_type');
  }
  if (Object.keys(extensions).length > 0) req.extensions = { openai: extensions };
  return req;
}

function decodeStop(raw: unknown): string[] | undefined {
  if (isAbsent(raw)) return undefined;
  if (typeof raw === 'string') return [raw];
  if (Array.isArray(raw) && raw.every((s) => typeof s === 'string')) return raw.length > 0 ? [...raw] : undefined;
  throw badParam('stop', "Invalid type for 'stop': expected a string or an array of strings.", 'invalid_type');
}

function decodeReasoningEffort(raw: unknown, extensions: Record<string, unknown>): ReasoningConfig | undefined {
  if (isAbsent(raw)) return undefined;
  if (typeof raw === 'string' && CANONICAL_EFFORT.has(raw)) return { effort: raw as ReasoningConfig['effort'] };
  if (raw === 'none') {
    extensions.reasoning_effort = raw;
    return undefined;
  }
  if (typeof raw === 'string' && ABOVE_HIGH.has(raw)) {
    extensions.reasoning_effort = raw;
    return { effort: 'high' };
  }
  throw badParam('reasoning_effort', "Invalid 'reasoning_effort': expected 'none', 'minimal', 'low', 'medium', 'high', 'xhigh' or 'max'.");
}

function extraFields(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(body)) {
    if (!CONSUMED.has(key) && body[key] !== undefined) out[key] = body[key];
  }
  return out;
}
