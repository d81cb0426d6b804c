import type { AssistantPart } from '../../canonical/request.ts';
import type { CanonicalResponse } from '../../canonical/response.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import type { CohereUsage } from './cohere-wire-types.ts';
import { mapCohereFinishReason } from './map-cohere-finish-reason.ts';
import { mapCohereUsage } from './map-cohere-usage.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Cohere sends `"null"` as the arguments of a call to a tool without parameters. */
export function cohereArguments(args: unknown): string {
  const text = str(args);
  return text === 'null' ? '{}' : text;
}

/**
 * A Cohere v2 chat response → canonical: `message.content` blocks in order (`thinking` → reasoning,
 * `text` → text), then `tool_plan` as text, then `tool_calls`. The response does not name the model, so
 * `model` is empty (callers fall back to the model they asked for). Citations are not carried over.
 * https://docs.cohere.com/reference/chat#response
 */
export function decodeCohereChatResponse(json: unknown): CanonicalResponse {
  if (!isObject(json) || !isObject(json.message)) {
    throw new UpstreamProtocolError('malformed', 'returned a body that is not a Cohere chat response (no message object)');
  }
  const message = json.message;
  const content: AssistantPart[] = [];
  if (Array.isArray(message.content)) {
    for (const block of message.content) {
      if (!isObject(block)) continue;
      if (block.type === 'text' && str(block.text) !== '') content.push({ type: 'text', text: str(block.text) });
      else if (block.type === 'thinking' && str(block.thinking) !== '') content.push({ type: 'reasoning', text: str(block.thinking) });
    }
  }
  if (str(message.tool_plan) !== '') content.push({ type: 'text', text: str(message.tool_plan) });
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) {
      if (!isObject(call) || !isObject(call.function)) throw new UpstreamProtocolError('malformed', 'returned a tool call without a function');
      content.push({ type: 'tool_call', id: str(call.id), name: str(call.function.name), arguments: cohereArguments(call.function.arguments) });
    }
  }
  const raw = str(json.finish_reason);
  const response: CanonicalResponse = {
    id: str(json.id),
    model: '',
    content,
    finishReason: raw === '' ? 'other' : mapCohereFinishReason(raw),
    usage: mapCohereUsage(isObject(json.usage) ? (json.usage as CohereUsage) : {}),
  };
  if (raw !== '') response.rawFinishReason = raw;
  return response;
}
