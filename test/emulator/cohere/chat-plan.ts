import type { Directives } from '../directives.ts';
import { countPromptTokens } from '../openai/message-text.ts';
import { sampleFromSchema } from '../openai/sample-json.ts';
import { generateTokens, splitEvenly } from '../text-generator.ts';
import type { CohereChatRequest } from './chat-request.ts';
import { cohereRequestUuid } from './errors.ts';

const DEFAULT_COMPLETION_TOKENS = 8;

export interface CoherePlannedCall {
  id: string;
  name: string;
  arguments: string;
  fragments: string[];
}

/** Cohere's usage: billed units, raw token counts and the cached part of the input. */
export interface CohereEmuUsage {
  billed_units: { input_tokens: number; output_tokens: number };
  tokens: { input_tokens: number; output_tokens: number };
  cached_tokens: number;
}

export interface CohereChatPlan {
  id: string;
  thinking: string[];
  pieces: string[];
  toolCalls: CoherePlannedCall[];
  finishReason: string;
  usage: CohereEmuUsage;
}

/** Cohere has no content-filter finish reason in its v2 contract; a forced `content_filter` is reported as `ERROR`. */
const FINISH: Readonly<Record<string, string>> = { stop: 'COMPLETE', length: 'MAX_TOKENS', tool_calls: 'TOOL_CALL', content_filter: 'ERROR' };

const count = (value: number | undefined, fallback: number): number => (value !== undefined && value >= 0 ? Math.floor(value) : fallback);

/** `REQUIRED` forces a call (first tool, or cycling with `tool_calls=N`); Cohere cannot name one tool. */
function toolNames(request: CohereChatRequest, d: Directives): string[] {
  const { tools } = request;
  if (tools.length === 0 || request.toolChoice === 'NONE') return [];
  if (d.tool_call === undefined && d.tool_calls === undefined && request.toolChoice !== 'REQUIRED') return [];
  const n = Math.max(1, Math.floor(d.tool_calls ?? 1));
  return Array.from({ length: n }, (_, i) => d.tool_call ?? tools[i % tools.length].name);
}

function contentPieces(request: CohereChatRequest, target: number): string[] {
  const format = request.responseFormat;
  if (format.type === 'text') return generateTokens(target);
  const json = format.schema !== undefined ? JSON.stringify(sampleFromSchema(format.schema)) : JSON.stringify({ message: generateTokens(target).join('') });
  return splitEvenly(json, target);
}

/**
 * Token accounting shared with the OpenAI emulator (docs/emulator.md): input = Σ(4 + words) + cached_tokens,
 * output = visible + reasoning_tokens (sent as a `thinking` content block); visible text is cut to
 * max_tokens − reasoning with `MAX_TOKENS`. `billed_units` and `tokens` carry the same counts (the emulator adds
 * no prompt template); `cached_tokens` reports the cached part.
 */
export function planCohereChat(request: CohereChatRequest, d: Directives, requestNumber: number): CohereChatPlan {
  const target = count(d.tokens, DEFAULT_COMPLETION_TOKENS);
  const reasoning = count(d.reasoning_tokens, 0);
  const cached = count(d.cached_tokens, 0);
  const names = toolNames(request, d);
  let pieces: string[] = [];
  let toolCalls: CoherePlannedCall[] = [];
  let finish = 'COMPLETE';
  if (names.length > 0) {
    toolCalls = names.map((name, i) => {
      const args = JSON.stringify(sampleFromSchema(request.tools.find((t) => t.name === name)?.parameters, i));
      return { id: `${name}_${requestNumber.toString(36).padStart(11, '0')}${(i % 36).toString(36)}`, name, arguments: args, fragments: splitEvenly(args, target) };
    });
    finish = 'TOOL_CALL';
  } else {
    pieces = contentPieces(request, target);
    if (request.maxTokens !== undefined && reasoning + pieces.length > request.maxTokens) {
      pieces = pieces.slice(0, Math.max(0, request.maxTokens - reasoning));
      finish = 'MAX_TOKENS';
    }
  }
  const visible = toolCalls.length > 0 ? toolCalls.reduce((sum, c) => sum + c.fragments.length, 0) : pieces.length;
  const input = countPromptTokens(request.messages) + cached;
  const output = visible + reasoning;
  return {
    id: cohereRequestUuid(requestNumber),
    thinking: generateTokens(reasoning),
    pieces,
    toolCalls,
    finishReason: d.finish_reason !== undefined ? FINISH[d.finish_reason] : finish,
    usage: { billed_units: { input_tokens: input, output_tokens: output }, tokens: { input_tokens: input, output_tokens: output }, cached_tokens: cached },
  };
}
