import type { CanonicalRequest, ResponseFormat, ToolChoice } from '../../canonical/request.ts';
import { toMistralMessages } from './convert-to-mistral-messages.ts';
import type { MistralChatRequest, MistralResponseFormat, MistralToolChoice } from './mistral-wire-types.ts';

type Extension = Record<string, unknown>;

function toolChoice(c: ToolChoice): MistralToolChoice {
  switch (c.type) {
    case 'auto':
      return 'auto';
    case 'none':
      return 'none';
    case 'required':
      return 'any';
    case 'tool':
      return { type: 'function', function: { name: c.name } };
  }
}

function responseFormat(f: ResponseFormat): MistralResponseFormat {
  if (f.type !== 'json_schema') return { type: f.type };
  const spec: { name: string; schema: Record<string, unknown>; strict?: boolean; description?: string } = { name: f.name, schema: f.schema };
  if (f.strict !== undefined) spec.strict = f.strict;
  if (f.description !== undefined) spec.description = f.description;
  return { type: 'json_schema', json_schema: spec };
}

/**
 * Mistral-only request fields a client may pass through the inbound API's extensions: under `mistral`,
 * or under `openai` when the client sent them as extra fields of an OpenAI-format request (the mistral
 * namespace wins). Only values of the documented type are forwarded; Mistral answers 422 to anything else.
 */
function applyExtensions(body: MistralChatRequest, extensions: CanonicalRequest['extensions']): void {
  const sources: Extension[] = [extensions?.openai ?? {}, extensions?.mistral ?? {}];
  for (const ext of sources) {
    if (typeof ext.safe_prompt === 'boolean') body.safe_prompt = ext.safe_prompt;
    if (typeof ext.prompt_mode === 'string' || ext.prompt_mode === null) body.prompt_mode = ext.prompt_mode;
    if (ext.reasoning_effort === 'high' || ext.reasoning_effort === 'none') body.reasoning_effort = ext.reasoning_effort;
    if (typeof ext.prompt_cache_key === 'string') body.prompt_cache_key = ext.prompt_cache_key;
  }
}

/**
 * Canonical request → Mistral chat-completions body. Differences from OpenAI handled here: `random_seed`
 * (not `seed`), `max_tokens` (no `max_completion_tokens`), `tool_choice: 'any'` for "required", no `top_k`,
 * `user` or stream options (usage always arrives in the last stream chunk); dropping them avoids Mistral's 422
 * `extra_forbidden`. A canonical reasoning request becomes `reasoning_effort: 'high'`, Mistral's only "on" value.
 * https://docs.mistral.ai/api/#tag/chat/operation/chat_completion_v1_chat_completions_post
 */
export function encodeMistralChatBody(req: CanonicalRequest): MistralChatRequest {
  const body: MistralChatRequest = { model: req.model, messages: toMistralMessages(req) };
  if (req.stream) body.stream = true;
  if (req.maxOutputTokens !== undefined) body.max_tokens = req.maxOutputTokens;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.topP !== undefined) body.top_p = req.topP;
  if (req.stopSequences !== undefined && req.stopSequences.length > 0) body.stop = req.stopSequences;
  if (req.seed !== undefined) body.random_seed = req.seed;
  if (req.presencePenalty !== undefined) body.presence_penalty = req.presencePenalty;
  if (req.frequencyPenalty !== undefined) body.frequency_penalty = req.frequencyPenalty;
  if (req.tools.length > 0) {
    body.tools = req.tools.map((t) => {
      const fn: { name: string; description?: string; parameters: Record<string, unknown>; strict?: boolean } = { name: t.name, parameters: t.parameters };
      if (t.description !== undefined) fn.description = t.description;
      if (t.strict !== undefined) fn.strict = t.strict;
      return { type: 'function', function: fn };
    });
    if (req.parallelToolCalls !== undefined) body.parallel_tool_calls = req.parallelToolCalls;
  }
  if (req.toolChoice !== undefined && req.tools.length > 0) body.tool_choice = toolChoice(req.toolChoice);
  if (req.responseFormat !== undefined && req.responseFormat.type !== 'text') body.response_format = responseFormat(req.responseFormat);
  if (req.reasoning !== undefined && (req.reasoning.effort !== undefined || req.reasoning.budgetTokens !== undefined)) body.reasoning_effort = 'high';
  applyExtensions(body, req.extensions);
  return body;
}
