import type { Directives } from '../directives.ts';
import { DEFAULT_COMPLETION_TOKENS } from '../openai/chat-plan.ts';
import type { ChatRequest } from '../openai/chat-request.ts';
import { sampleFromSchema } from '../openai/sample-json.ts';
import { chooseToolNames, planToolCalls, type PlannedToolCall } from '../openai/tool-calls.ts';
import { generateTokens, splitEvenly } from '../text-generator.ts';
import { countGeminiPromptTokens } from './content-text.ts';
import type { GenerateRequest } from './generate-request.ts';

/** Token counts of one emulated response, from which every `usageMetadata` is built. */
export interface GenerateCounts {
  /** Includes `cached`, as Gemini's `promptTokenCount` does. */
  prompt: number;
  cached: number;
  visible: number;
  reasoning: number;
}

/** Everything the JSON and the streaming renderers need, decided once per request. */
export interface GeneratePlan {
  responseId: string;
  model: string;
  /** Thought-summary pieces (one per reasoning token), only when the request asked for thoughts. */
  thoughts: string[];
  /** Visible text pieces, one per token (and per stream chunk); empty when function calls are returned. */
  pieces: string[];
  toolCalls: PlannedToolCall[];
  /** STOP, MAX_TOKENS or SAFETY. */
  finishReason: string;
  /** Put on the first non-thought part when the model "reasoned", as Gemini 3 does. */
  thoughtSignature: string | undefined;
  counts: GenerateCounts;
}

const FINISH: Record<string, string> = { stop: 'STOP', length: 'MAX_TOKENS', content_filter: 'SAFETY', tool_calls: 'STOP' };

const count = (value: number | undefined, fallback: number): number => (value !== undefined && value >= 0 ? Math.floor(value) : fallback);

/**
 * Same accounting as the OpenAI emulator (docs/emulator.md): prompt = Σ(4 + words) + cached_tokens;
 * visible = `tokens` (or tool-argument fragments, or JSON pieces); reasoning = `reasoning_tokens`
 * (Gemini's `thoughtsTokenCount`); `maxOutputTokens` covers reasoning + visible and cuts visible text
 * with MAX_TOKENS.
 */
export function planGenerate(request: GenerateRequest, model: string, d: Directives, requestNumber: number): GeneratePlan {
  const target = count(d.tokens, DEFAULT_COMPLETION_TOKENS);
  const reasoning = count(d.reasoning_tokens, 0);
  const cached = count(d.cached_tokens, 0);
  const asChat: ChatRequest = {
    model, messages: [], stream: false, includeUsage: false, maxTokens: request.maxTokens, tools: request.tools,
    toolChoice: request.toolChoice, forcedTool: request.forcedTool, parallelToolCalls: true, responseFormat: request.responseFormat,
  };
  const toolNames = chooseToolNames(asChat, d);
  let pieces: string[] = [];
  let toolCalls: PlannedToolCall[] = [];
  let finishReason = 'STOP';
  let visible: number;
  if (toolNames.length > 0) {
    toolCalls = planToolCalls(asChat, toolNames, requestNumber, target);
    visible = toolCalls.reduce((sum, call) => sum + call.fragments.length, 0);
  } else {
    pieces = contentPieces(request, target);
    if (request.maxTokens !== undefined && reasoning + pieces.length > request.maxTokens) {
      pieces = pieces.slice(0, Math.max(0, request.maxTokens - reasoning));
      finishReason = 'MAX_TOKENS';
    }
    visible = pieces.length;
  }
  const id = requestNumber.toString(36).padStart(10, '0');
  return {
    responseId: `emu${id}`,
    model: d.response_model ?? model,
    thoughts: request.includeThoughts ? generateTokens(reasoning) : [],
    pieces,
    toolCalls,
    finishReason: d.finish_reason !== undefined ? FINISH[d.finish_reason] : finishReason,
    thoughtSignature: reasoning > 0 ? Buffer.from(`emu-thought-signature-${id}`).toString('base64') : undefined,
    counts: { prompt: d.prompt_tokens ?? countGeminiPromptTokens(request.contents, request.systemInstruction) + cached, cached, visible, reasoning },
  };
}

function contentPieces(request: GenerateRequest, target: number): string[] {
  const format = request.responseFormat;
  if (format.type === 'text') return generateTokens(target);
  const json = format.type === 'json_schema' && format.schema !== undefined
    ? JSON.stringify(sampleFromSchema(format.schema))
    : JSON.stringify({ message: generateTokens(target).join('') });
  return splitEvenly(json, target);
}
