import type { Directives } from '../directives.ts';
import { generateTokens, splitEvenly } from '../text-generator.ts';
import type { ChatRequest } from './chat-request.ts';
import { countPromptTokens } from './message-text.ts';
import { chooseToolNames, planToolCalls } from './tool-calls.ts';
import type { PlannedToolCall } from './tool-calls.ts';
import { buildUsage } from './usage.ts';
import type { OpenAIUsage } from './usage.ts';
import { sampleFromSchema } from './sample-json.ts';

/** Visible completion tokens when neither the `tokens` directive nor a max-tokens limit says otherwise. */
export const DEFAULT_COMPLETION_TOKENS = 8;

/** Everything both the JSON and the streaming renderer need, decided once per request. */
export interface ChatPlan {
  id: string;
  created: number;
  model: string;
  /** Content pieces, one per completion token (and per stream chunk); empty when tool calls are returned. */
  pieces: string[];
  toolCalls: PlannedToolCall[];
  finishReason: string;
  usage: OpenAIUsage;
}

function count(value: number | undefined, fallback: number): number {
  return value !== undefined && value >= 0 ? Math.floor(value) : fallback;
}

/**
 * Token accounting (documented in docs/emulator.md):
 * prompt = Σ(4 + words(message text without markers)) + cached_tokens;
 * completion = visible pieces (or tool-argument fragments) + reasoning_tokens;
 * visible text is cut to max_(completion_)tokens − reasoning_tokens with finish_reason 'length'.
 */
export function planChat(request: ChatRequest, d: Directives, requestNumber: number): ChatPlan {
  const target = count(d.tokens, DEFAULT_COMPLETION_TOKENS);
  const reasoning = count(d.reasoning_tokens, 0);
  const cached = count(d.cached_tokens, 0);
  const toolNames = chooseToolNames(request, d);
  let pieces: string[] = [];
  let toolCalls: PlannedToolCall[] = [];
  let finishReason: string;
  let visible: number;
  if (toolNames.length > 0) {
    toolCalls = planToolCalls(request, toolNames, requestNumber, target);
    visible = toolCalls.reduce((sum, call) => sum + call.fragments.length, 0);
    finishReason = 'tool_calls';
  } else {
    pieces = contentPieces(request, target);
    finishReason = 'stop';
    if (request.maxTokens !== undefined && reasoning + pieces.length > request.maxTokens) {
      pieces = pieces.slice(0, Math.max(0, request.maxTokens - reasoning));
      finishReason = 'length';
    }
    visible = pieces.length;
  }
  const prompt = d.prompt_tokens ?? countPromptTokens(request.messages) + cached;
  return {
    id: `chatcmpl-emu${requestNumber.toString(36).padStart(10, '0')}`,
    created: Math.floor(Date.now() / 1000),
    model: d.response_model ?? request.model,
    pieces,
    toolCalls,
    finishReason: d.finish_reason ?? finishReason,
    usage: buildUsage({ prompt, cached, completion: visible + reasoning, reasoning }),
  };
}

function contentPieces(request: ChatRequest, target: number): string[] {
  const format = request.responseFormat;
  if (format.type === 'text') return generateTokens(target);
  const json = format.type === 'json_schema' && format.schema !== undefined
    ? JSON.stringify(sampleFromSchema(format.schema))
    : JSON.stringify({ message: generateTokens(target).join('') });
  return splitEvenly(json, target);
}
