import type { CanonicalRequest, ReasoningConfig, ResponseFormat, ToolChoice } from '../../canonical/request.ts';
import { convertToOpenAIMessages } from './convert-to-openai-messages.ts';
import { OPENAI_CHAT_FIELDS } from './openai-request-fields.ts';

/** How the output-token limit is named upstream: OpenAI and Azure want `max_completion_tokens` (o-series refuse `max_tokens`); most OpenAI-compatible servers only know `max_tokens`. */
export type MaxTokensField = 'max_completion_tokens' | 'max_tokens';

/**
 * Canonical request → OpenAI Chat Completions body. Fields the client sent that have no canonical
 * meaning (`extensions.openai`, e.g. `logprobs`, `metadata`, `service_tier`) are merged back when they
 * are documented OpenAI fields (any other is dropped, so a client cannot send Azure a field OpenAI's
 * API does not have, such as `api_base` or `extra_headers`); the
 * canonical fields and `model` / `messages` / `stream` stay authoritative, except a `reasoning_effort`
 * kept there because canonical cannot say it (`none`, `xhigh`). Streams always ask for
 * `stream_options.include_usage` so the gateway can meter them. Pure: the same input gives the same body.
 * https://platform.openai.com/docs/api-reference/chat/create
 */
export function encodeOpenAIChatBody(req: CanonicalRequest, maxTokensField: MaxTokensField): Record<string, unknown> {
  const body: Record<string, unknown> = documentedOnly(req.extensions?.openai);
  body.model = req.model;
  body.messages = convertToOpenAIMessages(req.system, req.messages);
  if (req.tools.length > 0) {
    body.tools = req.tools.map((t) => ({
      type: 'function',
      function: {
        name: t.name,
        ...(t.description !== undefined ? { description: t.description } : {}),
        parameters: t.parameters,
        ...(t.strict !== undefined ? { strict: t.strict } : {}),
      },
    }));
    if (req.parallelToolCalls !== undefined) body.parallel_tool_calls = req.parallelToolCalls;
  }
  if (req.toolChoice) body.tool_choice = toolChoice(req.toolChoice);
  if (req.responseFormat) body.response_format = responseFormat(req.responseFormat);
  if (req.maxOutputTokens !== undefined) body[maxTokensField] = req.maxOutputTokens;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.topP !== undefined) body.top_p = req.topP;
  if (req.stopSequences?.length) body.stop = req.stopSequences;
  if (req.seed !== undefined) body.seed = req.seed;
  if (req.presencePenalty !== undefined) body.presence_penalty = req.presencePenalty;
  if (req.frequencyPenalty !== undefined) body.frequency_penalty = req.frequencyPenalty;
  const effort = reasoningEffort(req.reasoning);
  if (effort !== undefined && body.reasoning_effort === undefined) body.reasoning_effort = effort;
  if (req.user !== undefined) body.user = req.user;
  if (req.stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  } else {
    delete body.stream;
    delete body.stream_options;
  }
  return body;
}

function documentedOnly(ext: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (ext) for (const key in ext) if (OPENAI_CHAT_FIELDS.has(key)) out[key] = ext[key];
  return out;
}

function toolChoice(c: ToolChoice): unknown {
  return c.type === 'tool' ? { type: 'function', function: { name: c.name } } : c.type;
}

function responseFormat(f: ResponseFormat): unknown {
  if (f.type !== 'json_schema') return { type: f.type };
  return {
    type: 'json_schema',
    json_schema: {
      name: f.name,
      ...(f.description !== undefined ? { description: f.description } : {}),
      schema: f.schema,
      ...(f.strict !== undefined ? { strict: f.strict } : {}),
    },
  };
}

/**
 * OpenAI takes an effort, not a budget: a budget-only request (Anthropic / Gemini style) maps to
 * `low` up to 2,048 tokens, `medium` up to 8,192, else `high`.
 */
function reasoningEffort(r: ReasoningConfig | undefined): string | undefined {
  if (!r) return undefined;
  if (r.effort) return r.effort;
  if (r.budgetTokens === undefined) return undefined;
  if (r.budgetTokens <= 2048) return 'low';
  return r.budgetTokens <= 8192 ? 'medium' : 'high';
}
