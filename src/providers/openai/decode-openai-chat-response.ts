import type { AssistantPart } from '../../canonical/request.ts';
import type { CanonicalResponse } from '../../canonical/response.ts';
import { emptyUsage } from '../../canonical/usage.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { mapOpenAIFinishReason } from './map-openai-finish-reason.ts';
import { mapOpenAIUsage, type OpenAIUsage } from './map-openai-usage.ts';

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A `chat.completion` object → canonical response (first choice). Reasoning text that OpenAI-compatible
 * servers return as `reasoning_content` (DeepSeek, vLLM) or `reasoning` (OpenRouter, newer vLLM) comes
 * first, then text (a refusal counts as text), then tool calls. Azure's `content_filter_results` /
 * `prompt_filter_results` are ignored. https://platform.openai.com/docs/api-reference/chat/object
 */
export function decodeOpenAIChatResponse(json: unknown): CanonicalResponse {
  if (!isRecord(json) || !Array.isArray(json.choices)) throw malformed('a chat completion without a choices array');
  const choice = json.choices.find((c) => isRecord(c) && (c.index === 0 || c.index === undefined)) ?? json.choices[0];
  if (!isRecord(choice) || !isRecord(choice.message)) throw malformed('a chat completion without a message');
  const m = choice.message;
  const content: AssistantPart[] = [];
  const reasoning = typeof m.reasoning_content === 'string' ? m.reasoning_content : typeof m.reasoning === 'string' ? m.reasoning : '';
  if (reasoning !== '') content.push({ type: 'reasoning', text: reasoning });
  if (typeof m.content === 'string' && m.content !== '') content.push({ type: 'text', text: m.content });
  else if (typeof m.refusal === 'string' && m.refusal !== '') content.push({ type: 'text', text: m.refusal });
  if (Array.isArray(m.tool_calls)) {
    for (const call of m.tool_calls) {
      if (!isRecord(call) || !isRecord(call.function) || typeof call.function.name !== 'string') throw malformed('a tool call without a function name');
      content.push({
        type: 'tool_call',
        id: typeof call.id === 'string' ? call.id : '',
        name: call.function.name,
        arguments: typeof call.function.arguments === 'string' ? call.function.arguments : '',
      });
    }
  }
  const rawFinish = typeof choice.finish_reason === 'string' ? choice.finish_reason : undefined;
  const out: CanonicalResponse = {
    id: typeof json.id === 'string' ? json.id : '',
    model: typeof json.model === 'string' ? json.model : '',
    content,
    finishReason: mapOpenAIFinishReason(rawFinish),
    usage: isRecord(json.usage) ? mapOpenAIUsage(json.usage as OpenAIUsage) : emptyUsage(),
  };
  if (rawFinish !== undefined) out.rawFinishReason = rawFinish;
  if (typeof json.created === 'number') out.created = json.created;
  return out;
}

function malformed(what: string): UpstreamProtocolError {
  return new UpstreamProtocolError('malformed', `returned ${what}`);
}
