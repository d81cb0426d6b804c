import type { Directives, FinishReasonDirective } from '../directives.ts';
import { sampleFromSchema } from '../openai/sample-json.ts';
import { generateTokens, splitEvenly } from '../text-generator.ts';
import { countPromptTokens } from './message-text.ts';
import type { MessagesRequest } from './messages-request.ts';

/** Visible output tokens when neither the `tokens` directive nor `max_tokens` says otherwise (as for OpenAI). */
export const DEFAULT_OUTPUT_TOKENS = 8;

/** A `tool_use` block the emulator will return, its input pre-split into `input_json_delta` fragments. */
export interface PlannedToolUse {
  id: string;
  name: string;
  input: unknown;
  fragments: string[];
}

/** Usage numbers in Anthropic's split: input counts are disjoint, `output` includes `thinking`. */
export interface PlannedUsage {
  input: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
  thinking: number;
}

/** Everything the JSON and the streaming renderer need, decided once per request. */
export interface MessagesPlan {
  id: string;
  model: string;
  /** Thinking tokens (one `thinking_delta` each) and the block's signature; absent without `reasoning_tokens`. */
  thinking?: { pieces: string[]; signature: string };
  /** Text pieces, one per output token and stream delta; empty when tools are called. */
  pieces: string[];
  toolUses: PlannedToolUse[];
  stopReason: string;
  usage: PlannedUsage;
}

const STOP_REASONS: Readonly<Record<FinishReasonDirective, string>> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  content_filter: 'refusal',
};

function count(value: number | undefined, fallback: number): number {
  return value !== undefined && value >= 0 ? Math.floor(value) : fallback;
}

const idPart = (n: number, width: number): string => n.toString(36).padStart(width, '0');

/**
 * Token accounting, the same as the OpenAI emulator's (docs/emulator.md): input = Σ(4 + words) per
 * message (system and each tool result count as one) and is reported uncached, beside
 * `cache_read_input_tokens` = cached_tokens and `cache_creation_input_tokens` = cache_write_tokens;
 * output = visible tokens (or tool-input fragments) + reasoning_tokens, where visible text is cut to
 * max_tokens − reasoning_tokens with stop reason `max_tokens`.
 */
export function planMessages(request: MessagesRequest, d: Directives, requestNumber: number): MessagesPlan {
  const target = count(d.tokens, DEFAULT_OUTPUT_TOKENS);
  const reasoning = count(d.reasoning_tokens, 0);
  const toolNames = chooseToolNames(request, d);
  let pieces: string[] = [];
  let toolUses: PlannedToolUse[] = [];
  let stopReason: string;
  let visible: number;
  if (toolNames.length > 0) {
    toolUses = toolNames.map((name, i) => {
      const tool = request.tools.find((t) => t.name === name);
      const input = sampleFromSchema(tool?.inputSchema, i);
      return { id: `toolu_emu${idPart(requestNumber, 8)}${i}`, name, input, fragments: splitEvenly(JSON.stringify(input), target) };
    });
    visible = toolUses.reduce((sum, t) => sum + t.fragments.length, 0);
    stopReason = 'tool_use';
  } else {
    pieces = request.jsonSchema !== undefined ? splitEvenly(JSON.stringify(sampleFromSchema(request.jsonSchema)), target) : generateTokens(target);
    stopReason = 'end_turn';
    if (reasoning + pieces.length > request.maxTokens) {
      pieces = pieces.slice(0, Math.max(0, request.maxTokens - reasoning));
      stopReason = 'max_tokens';
    }
    visible = pieces.length;
  }
  const plan: MessagesPlan = {
    id: `msg_emu${idPart(requestNumber, 10)}`,
    model: d.response_model ?? request.model,
    pieces,
    toolUses,
    stopReason: d.finish_reason !== undefined ? STOP_REASONS[d.finish_reason] : stopReason,
    usage: {
      input: d.prompt_tokens ?? countPromptTokens(request.system, request.messages),
      cacheRead: count(d.cached_tokens, 0),
      cacheWrite: count(d.cache_write_tokens, 0),
      output: visible + reasoning,
      thinking: reasoning,
    },
  };
  if (reasoning > 0) {
    const thinking = generateTokens(reasoning);
    plan.thinking = { pieces: thinking, signature: Buffer.from(`emulated-signature:${thinking.join('')}`).toString('base64') };
  }
  return plan;
}

/**
 * Which tools to call: only when the request offers tools, `tool_choice` is not `none`, and a directive
 * (`tool_call`, `tool_calls`) or `tool_choice` (`any` → the first tool, `tool` → that one) asks for it.
 * `disable_parallel_tool_use` caps the count at 1.
 */
function chooseToolNames(request: MessagesRequest, d: Directives): string[] {
  const { tools } = request;
  if (tools.length === 0 || request.toolChoice === 'none') return [];
  const named = d.tool_call ?? request.forcedTool;
  if (named === undefined && d.tool_calls === undefined && request.toolChoice !== 'any') return [];
  const n = request.parallelToolCalls ? Math.max(1, Math.floor(d.tool_calls ?? 1)) : 1;
  const names = new Array<string>(n);
  for (let i = 0; i < n; i++) names[i] = named ?? tools[i % tools.length].name;
  return names;
}
