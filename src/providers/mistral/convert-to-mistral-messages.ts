import type { AssistantMessage, CanonicalRequest, ImagePart, ToolResultMessage, UserPart } from '../../canonical/request.ts';
import { toMistralToolCallId } from './map-mistral-tool-call-id.ts';
import type { MistralContentChunk, MistralMessage, MistralToolCall } from './mistral-wire-types.ts';

function imageChunk(part: ImagePart): MistralContentChunk {
  const url = part.source.kind === 'url' ? part.source.url : `data:${part.source.mediaType};base64,${part.source.data}`;
  return { type: 'image_url', image_url: part.detail ? { url, detail: part.detail } : url };
}

/** Text-only content as a string (one part) or text chunks; anything with an image as chunks. */
function userContent(parts: readonly UserPart[]): string | MistralContentChunk[] {
  if (parts.length === 1 && parts[0].type === 'text') return parts[0].text;
  return parts.map((p) => (p.type === 'text' ? { type: 'text', text: p.text } : imageChunk(p)));
}

/** Tool results: the text joined as a string, or chunks when the result carries an image. */
function toolContent(parts: readonly UserPart[]): string | MistralContentChunk[] {
  if (parts.every((p) => p.type === 'text')) return parts.map((p) => p.text).join('');
  return userContent(parts);
}

/**
 * Reasoning goes back as `thinking` chunks (Magistral reads them on later turns), so an assistant turn with
 * reasoning is sent as chunks in order; otherwise as one string. A final assistant turn without tool calls is
 * a prefill and must carry `prefix: true`, or Mistral rejects a conversation that does not end with user/tool.
 */
function assistantMessage(m: AssistantMessage, last: boolean): MistralMessage {
  const chunks: MistralContentChunk[] = [];
  const toolCalls: MistralToolCall[] = [];
  let text = '';
  let hasReasoning = false;
  for (const part of m.content) {
    if (part.type === 'text') {
      text += part.text;
      chunks.push({ type: 'text', text: part.text });
    } else if (part.type === 'reasoning') {
      if (part.text === '') continue;
      hasReasoning = true;
      chunks.push({ type: 'thinking', thinking: [{ type: 'text', text: part.text }], closed: true });
    } else {
      toolCalls.push({ id: toMistralToolCallId(part.id), type: 'function', function: { name: part.name, arguments: part.arguments } });
    }
  }
  const out: MistralMessage = { role: 'assistant' };
  if (hasReasoning) out.content = chunks;
  else if (text !== '' || toolCalls.length === 0) out.content = text;
  if (toolCalls.length > 0) out.tool_calls = toolCalls;
  else if (last) out.prefix = true;
  return out;
}

function toolMessage(m: ToolResultMessage): MistralMessage {
  const out: MistralMessage = { role: 'tool', tool_call_id: toMistralToolCallId(m.toolCallId), content: toolContent(m.content) };
  if (m.toolName !== undefined) out.name = m.toolName;
  return out;
}

/**
 * Canonical conversation → Mistral `messages`: system parts joined into one leading system message,
 * user/assistant/tool turns in order, tool-call ids mapped to Mistral's 9-character form.
 * https://docs.mistral.ai/api/#tag/chat
 */
export function toMistralMessages(req: CanonicalRequest): MistralMessage[] {
  const out: MistralMessage[] = [];
  if (req.system.length > 0) out.push({ role: 'system', content: req.system.map((p) => p.text).join('\n\n') });
  const lastIndex = req.messages.length - 1;
  req.messages.forEach((m, i) => {
    if (m.role === 'user') out.push({ role: 'user', content: userContent(m.content) });
    else if (m.role === 'assistant') out.push(assistantMessage(m, i === lastIndex));
    else out.push(toolMessage(m));
  });
  return out;
}
