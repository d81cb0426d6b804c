import type { Directives } from '../directives.ts';
import { countPromptTokens } from '../openai/message-text.ts';
import { sampleFromSchema } from '../openai/sample-json.ts';
import { generateTokens, splitEvenly } from '../text-generator.ts';
import type { MistralChatRequest } from './chat-request.ts';

/** Visible completion tokens when neither `tokens` nor `max_tokens` says otherwise (as the OpenAI emulator). */
const DEFAULT_COMPLETION_TOKENS = 8;

/** A tool call with Mistral's 9-character id and its arguments pre-split into stream fragments. */
export interface MistralPlannedCall {
  id: string;
  name: string;
  arguments: string;
  fragments: string[];
}

/** Mistral's usage object as the API returns it for chat. */
export interface MistralEmuUsage {
  prompt_tokens: number;
  total_tokens: number;
  completion_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
}

/** Everything the JSON and the streaming renderers need, decided once per request. */
export interface MistralChatPlan {
  id: string;
  created: number;
  model: string;
  /** Reasoning (`thinking` chunk) tokens, one word each. */
  thinking: string[];
  /** Visible content pieces, one per token and stream chunk; empty when tool calls are returned. */
  pieces: string[];
  toolCalls: MistralPlannedCall[];
  finishReason: string;
  usage: MistralEmuUsage;
}

/** Mistral has no content-filter finish reason; a forced `content_filter` is reported as `error`. */
const FINISH: Readonly<Record<string, string>> = { stop: 'stop', length: 'length', tool_calls: 'tool_calls', content_filter: 'error' };

const count = (value: number | undefined, fallback: number): number => (value !== undefined && value >= 0 ? Math.floor(value) : fallback);

function toolNames(request: MistralChatRequest, d: Directives): string[] {
  const { tools } = request;
  if (tools.length === 0 || request.toolChoice === 'none') return [];
  const named = d.tool_call ?? request.forcedTool;
  const forced = request.toolChoice === 'any' || request.toolChoice === 'required';
  if (named === undefined && d.tool_calls === undefined && !forced) return [];
  const n = request.parallelToolCalls ? Math.max(1, Math.floor(d.tool_calls ?? 1)) : 1;
  return Array.from({ length: n }, (_, i) => named ?? tools[i % tools.length].name);
}

/** 9 characters from [a-zA-Z0-9], as Mistral requires and issues. */
function toolCallId(requestNumber: number, i: number): string {
  return `e${requestNumber.toString(36).padStart(7, '0').slice(-7)}${(i % 36).toString(36)}`;
}

function contentPieces(request: MistralChatRequest, target: number): string[] {
  const format = request.responseFormat;
  if (format.type === 'text') return generateTokens(target);
  const json = format.type === 'json_schema' && format.schema !== undefined
    ? JSON.stringify(sampleFromSchema(format.schema))
    : JSON.stringify({ message: generateTokens(target).join('') });
  return splitEvenly(json, target);
}

/**
 * Token accounting, identical to the OpenAI emulator's (docs/emulator.md): prompt = Σ(4 + words) +
 * cached_tokens (reported in `prompt_tokens_details.cached_tokens`); completion = visible + reasoning_tokens,
 * where reasoning tokens are sent as `thinking` chunks; visible text is cut to max_tokens − reasoning with
 * finish `length`. Tool calls: visible = total argument fragments.
 */
export function planMistralChat(request: MistralChatRequest, d: Directives, requestNumber: number): MistralChatPlan {
  const target = count(d.tokens, DEFAULT_COMPLETION_TOKENS);
  const reasoning = count(d.reasoning_tokens, 0);
  const cached = count(d.cached_tokens, 0);
  const names = toolNames(request, d);
  let pieces: string[] = [];
  let toolCalls: MistralPlannedCall[] = [];
  let finish = 'stop';
  if (names.length > 0) {
    toolCalls = names.map((name, i) => {
      const args = JSON.stringify(sampleFromSchema(request.tools.find((t) => t.name === name)?.parameters, i));
      return { id: toolCallId(requestNumber, i), name, arguments: args, fragments: splitEvenly(args, target) };
    });
    finish = 'tool_calls';
  } else {
    pieces = contentPieces(request, target);
    if (request.maxTokens !== undefined && reasoning + pieces.length > request.maxTokens) {
      pieces = pieces.slice(0, Math.max(0, request.maxTokens - reasoning));
      finish = 'length';
    }
  }
  const visible = toolCalls.length > 0 ? toolCalls.reduce((sum, c) => sum + c.fragments.length, 0) : pieces.length;
  const prompt = countPromptTokens(request.messages) + cached;
  const completion = visible + reasoning;
  return {
    id: requestNumber.toString(16).padStart(32, '0'),
    created: Math.floor(Date.now() / 1000),
    model: request.model,
    thinking: generateTokens(reasoning),
    pieces,
    toolCalls,
    finishReason: d.finish_reason !== undefined ? FINISH[d.finish_reason] : finish,
    usage: { prompt_tokens: prompt, total_tokens: prompt + completion, completion_tokens: completion, prompt_tokens_details: { cached_tokens: cached } },
  };
}
