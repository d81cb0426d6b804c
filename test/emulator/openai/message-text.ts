import { stripMarkers } from '../directives.ts';
import { countWords } from '../text-generator.ts';

/**
 * The text of a chat message's `content`: the string itself, or the `text` of every
 * `{type:'text'}` part joined by spaces. Image, audio and file parts contribute nothing.
 */
export function messageText(message: unknown): string {
  if (message === null || typeof message !== 'object') return '';
  const content = (message as { content?: unknown }).content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) {
    if (part !== null && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string') {
      text = text === '' ? (part as { text: string }).text : `${text} ${(part as { text: string }).text}`;
    }
  }
  return text;
}

/** The text of the last `role: 'user'` message: where the `[emu ...]` marker is read from. */
export function lastUserText(body: unknown): string | undefined {
  const messages = body !== null && typeof body === 'object' ? (body as { messages?: unknown }).messages : undefined;
  if (!Array.isArray(messages)) return undefined;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as { role?: unknown } | null;
    if (m !== null && typeof m === 'object' && m.role === 'user') return messageText(m);
  }
  return undefined;
}

/** Prompt tokens before cached tokens: 4 per message plus the words of its text, markers excluded. */
export function countPromptTokens(messages: readonly unknown[]): number {
  let tokens = 0;
  for (const m of messages) tokens += 4 + countWords(stripMarkers(messageText(m)));
  return tokens;
}
