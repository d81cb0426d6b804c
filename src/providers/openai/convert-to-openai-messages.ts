import type { CanonicalMessage, ImagePart, TextPart, UserPart } from '../../canonical/request.ts';

/** One OpenAI chat message as sent upstream (openai-node `ChatCompletionMessageParam`, the subset we emit). */
export type OpenAIMessage =
  | { role: 'system'; content: string | OpenAITextPart[] }
  | { role: 'user'; content: string | Array<OpenAITextPart | OpenAIImagePart> }
  | { role: 'assistant'; content: string | null; tool_calls?: OpenAIToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string | OpenAITextPart[] };

export interface OpenAITextPart {
  type: 'text';
  text: string;
}

export interface OpenAIImagePart {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
}

export interface OpenAIToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/**
 * Canonical system + messages → OpenAI chat `messages`. Reasoning parts are not sent back: OpenAI
 * rejects unknown message fields and DeepSeek refuses `reasoning_content` in input. Tool messages
 * take text only, so images in a tool result follow the run of tool messages as one user message.
 * https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 */
export function convertToOpenAIMessages(system: readonly TextPart[], messages: readonly CanonicalMessage[]): OpenAIMessage[] {
  const out: OpenAIMessage[] = [];
  if (system.length > 0) out.push({ role: 'system', content: textContent(system) });
  let pendingImages: OpenAIImagePart[] = [];
  const flushImages = () => {
    if (pendingImages.length === 0) return;
    out.push({ role: 'user', content: pendingImages });
    pendingImages = [];
  };
  for (const m of messages) {
    if (m.role !== 'tool') flushImages();
    if (m.role === 'user') {
      out.push({ role: 'user', content: userContent(m.content) });
    } else if (m.role === 'assistant') {
      let text: string | null = null;
      const calls: OpenAIToolCall[] = [];
      for (const part of m.content) {
        if (part.type === 'text') text = (text ?? '') + part.text;
        else if (part.type === 'tool_call') calls.push({ id: part.id, type: 'function', function: { name: part.name, arguments: part.arguments } });
      }
      out.push(calls.length > 0 ? { role: 'assistant', content: text, tool_calls: calls } : { role: 'assistant', content: text ?? '' });
    } else {
      const texts = m.content.filter((p): p is TextPart => p.type === 'text');
      for (const p of m.content) if (p.type === 'image') pendingImages.push(imagePart(p));
      out.push({ role: 'tool', tool_call_id: m.toolCallId, content: textContent(texts) });
    }
  }
  flushImages();
  return out;
}

function textContent(parts: readonly TextPart[]): string | OpenAITextPart[] {
  if (parts.length === 0) return '';
  if (parts.length === 1) return parts[0].text;
  return parts.map((p) => ({ type: 'text', text: p.text }));
}

function userContent(parts: readonly UserPart[]): string | Array<OpenAITextPart | OpenAIImagePart> {
  if (parts.length === 1 && parts[0].type === 'text') return parts[0].text;
  return parts.map((p) => (p.type === 'text' ? { type: 'text', text: p.text } : imagePart(p)));
}

function imagePart(p: ImagePart): OpenAIImagePart {
  const url = p.source.kind === 'url' ? p.source.url : `data:${p.source.mediaType};base64,${p.source.data}`;
  return { type: 'image_url', image_url: p.detail ? { url, detail: p.detail } : { url } };
}
