import type { AssistantPart } from '../../canonical/request.ts';
import type { CanonicalResponse } from '../../canonical/response.ts';
import { UpstreamProtocolError } from '../provider-adapter.ts';
import { mapMistralFinishReason } from './map-mistral-finish-reason.ts';
import { mapMistralUsage } from './map-mistral-usage.ts';
import type { MistralUsage } from './mistral-wire-types.ts';
import { mistralArgumentsText, readMistralContent } from './read-mistral-content.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function contentParts(content: unknown): AssistantPart[] {
  const parts: AssistantPart[] = [];
  for (const piece of readMistralContent(content)) {
    const prev = parts[parts.length - 1];
    if (piece.kind === 'text' && prev?.type === 'text') prev.text += piece.text;
    else if (piece.kind === 'reasoning' && prev?.type === 'reasoning') prev.text += piece.text;
    else parts.push(piece.kind === 'text' ? { type: 'text', text: piece.text } : { type: 'reasoning', text: piece.text });
  }
  return parts;
}

/**
 * A Mistral `chat.completion` body → canonical response: content chunks in order (thinking → reasoning,
 * text → text), then tool calls (whose `arguments` may arrive as an object), finish reason and usage.
 * https://docs.mistral.ai/api/#tag/chat/operation/chat_completion_v1_chat_completions_post
 */
export function decodeMistralChatResponse(json: unknown): CanonicalResponse {
  if (!isObject(json) || !Array.isArray(json.choices)) {
    throw new UpstreamProtocolError('malformed', 'returned a body that is not a Mistral chat completion (no choices array)');
  }
  const choice = json.choices[0];
  if (!isObject(choice) || !isObject(choice.message)) {
    throw new UpstreamProtocolError('malformed', 'returned a chat completion without a first choice message');
  }
  const message = choice.message;
  const content = contentParts(message.content);
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) {
      if (!isObject(call) || !isObject(call.function)) throw new UpstreamProtocolError('malformed', 'returned a tool call without a function');
      content.push({ type: 'tool_call', id: str(call.id), name: str(call.function.name), arguments: mistralArgumentsText(call.function.arguments) });
    }
  }
  const raw = str(choice.finish_reason);
  const response: CanonicalResponse = {
    id: str(json.id),
    model: str(json.model),
    content,
    finishReason: raw === '' ? 'other' : mapMistralFinishReason(raw),
    usage: mapMistralUsage(isObject(json.usage) ? (json.usage as MistralUsage) : {}),
  };
  if (raw !== '') response.rawFinishReason = raw;
  if (typeof json.created === 'number') response.created = json.created;
  return response;
}
