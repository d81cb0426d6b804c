import type { AssistantMessage, CanonicalRequest, ImagePart, ToolResultMessage, UserPart } from '../../canonical/request.ts';
import type { CohereAssistantContent, CohereMessage, CohereToolCall, CohereUserContent } from './cohere-wire-types.ts';

function imageContent(part: ImagePart): CohereUserContent {
  const url = part.source.kind === 'url' ? part.source.url : `data:${part.source.mediaType};base64,${part.source.data}`;
  return { type: 'image_url', image_url: part.detail ? { url, detail: part.detail } : { url } };
}

/** Text-only user turns are sent as one string; turns with images as content blocks. */
function userContent(parts: readonly UserPart[]): string | CohereUserContent[] {
  if (parts.every((p) => p.type === 'text')) return parts.map((p) => p.text).join('');
  return parts.map((p) => (p.type === 'text' ? { type: 'text', text: p.text } : imageContent(p)));
}

/**
 * An assistant turn with tool calls puts its text in `tool_plan` (Cohere's "what I am about to do"), as
 * Cohere expects when tool calls are replayed; without tool calls the text is `content`. Reasoning goes back
 * as `thinking` content blocks so reasoning models keep their chain across tool-use turns.
 */
function assistantMessage(m: AssistantMessage): CohereMessage {
  const content: CohereAssistantContent[] = [];
  const toolCalls: CohereToolCall[] = [];
  let text = '';
  for (const part of m.content) {
    if (part.type === 'text') text += part.text;
    else if (part.type === 'reasoning') {
      if (part.text !== '') content.push({ type: 'thinking', thinking: part.text });
    } else toolCalls.push({ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } });
  }
  const out: CohereMessage = { role: 'assistant' };
  if (toolCalls.length > 0) {
    if (text !== '') out.tool_plan = text;
    out.tool_calls = toolCalls;
  } else if (text !== '' || content.length === 0) content.push({ type: 'text', text });
  if (content.length > 0) out.content = content;
  return out;
}

/** Tool results as text blocks (images have no place in a Cohere tool result and are dropped). */
function toolMessage(m: ToolResultMessage): CohereMessage {
  const text = m.content.map((p) => (p.type === 'text' ? p.text : '')).join('');
  return { role: 'tool', tool_call_id: m.toolCallId, content: [{ type: 'text', text }] };
}

/**
 * Canonical conversation → Cohere v2 `messages`: system parts joined into one leading system message,
 * then the turns in order. https://docs.cohere.com/reference/chat#request.body.messages
 */
export function toCohereMessages(req: CanonicalRequest): CohereMessage[] {
  const out: CohereMessage[] = [];
  if (req.system.length > 0) out.push({ role: 'system', content: req.system.map((p) => p.text).join('\n\n') });
  for (const m of req.messages) {
    if (m.role === 'user') out.push({ role: 'user', content: userContent(m.content) });
    else if (m.role === 'assistant') out.push(assistantMessage(m));
    else out.push(toolMessage(m));
  }
  return out;
}
