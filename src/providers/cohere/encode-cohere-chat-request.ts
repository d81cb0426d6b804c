import type { CanonicalRequest } from '../../canonical/request.ts';
import type { CohereChatRequest, CohereTool } from './cohere-wire-types.ts';
import { toCohereMessages } from './convert-to-cohere-messages.ts';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Cohere-only fields a client may pass under `extensions.cohere`; forwarded only with the documented
 * type, since Cohere rejects malformed or unknown fields with 400.
 */
function applyExtensions(body: CohereChatRequest, ext: Record<string, unknown> | undefined): void {
  if (ext === undefined) return;
  if (typeof ext.safety_mode === 'string') body.safety_mode = ext.safety_mode;
  if (Array.isArray(ext.documents)) body.documents = ext.documents;
  if (isObject(ext.citation_options)) body.citation_options = ext.citation_options;
  if (typeof ext.priority === 'number') body.priority = ext.priority;
  if (typeof ext.strict_tools === 'boolean') body.strict_tools = ext.strict_tools;
  if (isObject(ext.thinking) && (ext.thinking.type === 'enabled' || ext.thinking.type === 'disabled')) {
    body.thinking = { type: ext.thinking.type };
    if (typeof ext.thinking.token_budget === 'number') body.thinking.token_budget = ext.thinking.token_budget;
  }
}

/**
 * Canonical request → Cohere v2 chat body. `top_p`/`top_k` become `p`/`k`; a forced tool becomes
 * `tool_choice: 'REQUIRED'` with only that tool offered (Cohere cannot name one); `auto` is the default and
 * is omitted; `strict_tools` is set when every tool asks for strict schemas; both JSON response formats are
 * `json_object` (with `json_schema` for a schema); reasoning is `thinking: {type:'enabled', token_budget}`.
 * `parallelToolCalls` and `user` have no Cohere field and are dropped.
 * https://docs.cohere.com/reference/chat
 */
export function encodeCohereChatBody(req: CanonicalRequest): CohereChatRequest {
  const body: CohereChatRequest = { model: req.model, messages: toCohereMessages(req) };
  if (req.stream) body.stream = true;
  if (req.tools.length > 0) {
    const choice = req.toolChoice;
    const offered = choice?.type === 'tool' ? req.tools.filter((t) => t.name === choice.name) : req.tools;
    body.tools = offered.map((t): CohereTool => {
      const fn: CohereTool['function'] = { name: t.name, parameters: t.parameters };
      if (t.description !== undefined) fn.description = t.description;
      return { type: 'function', function: fn };
    });
    if (offered.length > 0 && offered.every((t) => t.strict === true)) body.strict_tools = true;
    if (choice?.type === 'required' || choice?.type === 'tool') body.tool_choice = 'REQUIRED';
    else if (choice?.type === 'none') body.tool_choice = 'NONE';
  }
  if (req.responseFormat?.type === 'json_object') body.response_format = { type: 'json_object' };
  else if (req.responseFormat?.type === 'json_schema') body.response_format = { type: 'json_object', json_schema: req.responseFormat.schema };
  if (req.maxOutputTokens !== undefined) body.max_tokens = req.maxOutputTokens;
  if (req.temperature !== undefined) body.temperature = req.temperature;
  if (req.topP !== undefined) body.p = req.topP;
  if (req.topK !== undefined) body.k = req.topK;
  if (req.stopSequences !== undefined && req.stopSequences.length > 0) body.stop_sequences = req.stopSequences;
  if (req.seed !== undefined) body.seed = req.seed;
  if (req.frequencyPenalty !== undefined) body.frequency_penalty = req.frequencyPenalty;
  if (req.presencePenalty !== undefined) body.presence_penalty = req.presencePenalty;
  if (req.reasoning !== undefined && (req.reasoning.effort !== undefined || req.reasoning.budgetTokens !== undefined)) {
    body.thinking = req.reasoning.budgetTokens !== undefined ? { type: 'enabled', token_budget: req.reasoning.budgetTokens } : { type: 'enabled' };
  }
  applyExtensions(body, req.extensions?.cohere);
  return body;
}
