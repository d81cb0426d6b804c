import type { Directives } from '../directives.ts';
import { DEFAULT_COMPLETION_TOKENS } from '../openai/chat-plan.ts';
import { sampleFromSchema } from '../openai/sample-json.ts';
import { chooseToolNames, planToolCalls, type PlannedToolCall } from '../openai/tool-calls.ts';
import { generateTokens, splitEvenly } from '../text-generator.ts';
import type { ConverseRequest } from './converse-request.ts';
import { countConversePromptTokens } from './converse-text.ts';

/** Converse `TokenUsage`: `inputTokens` excludes cache reads and writes; `totalTokens` adds all four. */
export interface ConverseUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

/** Everything the JSON and the event-stream renderers need, decided once per request. */
export interface ConversePlan {
  /** One piece per reasoning token; empty when `reasoning_tokens` is 0. */
  reasoning: string[];
  reasoningSignature: string;
  /** One piece per visible token (text or structured JSON); empty when tools are called. */
  pieces: string[];
  toolCalls: PlannedToolCall[];
  stopReason: string;
  usage: ConverseUsage;
  latencyMs: number;
}

const STOP_REASONS: Record<NonNullable<Directives['finish_reason']>, string> = {
  stop: 'end_turn',
  length: 'max_tokens',
  content_filter: 'content_filtered',
  tool_calls: 'tool_use',
};

const count = (v: number | undefined, fallback: number): number => (v !== undefined && v >= 0 ? Math.floor(v) : fallback);

/**
 * The OpenAI emulator's accounting in Converse terms (docs/emulator.md): inputTokens =
 * Σ(4 + words) with the system list as one message; cacheReadInputTokens = `cached_tokens`,
 * cacheWriteInputTokens = `cache_write_tokens` (both beside inputTokens, as Bedrock reports them);
 * outputTokens = visible + `reasoning_tokens`; visible text is cut to maxTokens − reasoning
 * (stopReason max_tokens).
 */
export function planConverse(request: ConverseRequest, d: Directives, requestNumber: number): ConversePlan {
  const target = count(d.tokens, DEFAULT_COMPLETION_TOKENS);
  const reasoningCount = count(d.reasoning_tokens, 0);
  const cached = count(d.cached_tokens, 0);
  const cacheWrite = count(d.cache_write_tokens, 0);
  const toolNames = chooseToolNames(request.chat, d);
  let pieces: string[] = [];
  let toolCalls: PlannedToolCall[] = [];
  let stopReason = 'end_turn';
  let visible: number;
  if (toolNames.length > 0) {
    toolCalls = planToolCalls(request.chat, toolNames, requestNumber, target).map((c, i) => ({ ...c, id: `tooluse_emu${requestNumber.toString(36).padStart(8, '0')}${i}` }));
    visible = toolCalls.reduce((sum, c) => sum + c.fragments.length, 0);
    stopReason = 'tool_use';
  } else {
    pieces = request.schema !== undefined ? splitEvenly(JSON.stringify(sampleFromSchema(request.schema)), target) : generateTokens(target);
    if (request.maxTokens !== undefined && reasoningCount + pieces.length > request.maxTokens) {
      pieces = pieces.slice(0, Math.max(0, request.maxTokens - reasoningCount));
      stopReason = 'max_tokens';
    }
    visible = pieces.length;
  }
  const input = d.prompt_tokens ?? countConversePromptTokens(request.system, request.messages);
  const output = visible + reasoningCount;
  const usage: ConverseUsage = { inputTokens: input, outputTokens: output, totalTokens: input + output + cached + cacheWrite };
  if (cached > 0 || cacheWrite > 0) {
    usage.cacheReadInputTokens = cached;
    usage.cacheWriteInputTokens = cacheWrite;
  }
  return {
    reasoning: generateTokens(reasoningCount),
    reasoningSignature: Buffer.from(`emulated-signature-${requestNumber}`).toString('base64'),
    pieces,
    toolCalls,
    stopReason: d.finish_reason ? STOP_REASONS[d.finish_reason] : stopReason,
    usage,
    latencyMs: 100 + output,
  };
}
