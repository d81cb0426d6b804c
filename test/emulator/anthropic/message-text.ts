import { stripMarkers } from '../directives.ts';
import { countWords } from '../text-generator.ts';

type Block = Record<string, unknown>;

function blocks(content: unknown): Block[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) return [];
  return content.filter((b): b is Block => b !== null && typeof b === 'object');
}

/** The `text` of the text blocks in `content` (a string, or an array of blocks), joined by spaces. */
export function contentText(content: unknown): string {
  let text = '';
  for (const b of blocks(content)) {
    if (b.type !== 'text' || typeof b.text !== 'string') continue;
    text = text === '' ? b.text : `${text} ${b.text}`;
  }
  return text;
}

/**
 * Where the `[emu ...]` marker is read: the text of the last `user` turn that is more than tool
 * results, i.e. the turn an OpenAI client would have sent as its last `user` message.
 */
export function lastUserText(body: unknown): string | undefined {
  const messages = body !== null && typeof body === 'object' ? (body as { messages?: unknown }).messages : undefined;
  if (!Array.isArray(messages)) return undefined;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as { role?: unknown; content?: unknown } | null;
    if (m === null || typeof m !== 'object' || m.role !== 'user') continue;
    const all = blocks(m.content);
    if (all.length > 0 && all.every((b) => b.type === 'tool_result')) continue;
    return contentText(m.content);
  }
  return undefined;
}

const tokensOf = (text: string): number => 4 + countWords(stripMarkers(text));

/**
 * Uncached prompt tokens, counted as the OpenAI emulator counts the same conversation: 4 + words per
 * message, where the top-level `system` is one message and every `tool_result` block is one message
 * (OpenAI sends each as a `tool` message). Images, tools and tool inputs count 0.
 */
export function countPromptTokens(system: unknown, messages: readonly unknown[]): number {
  let tokens = system === undefined || system === null ? 0 : tokensOf(contentText(system));
  for (const m of messages) {
    const content = m !== null && typeof m === 'object' ? (m as { content?: unknown }).content : undefined;
    const all = blocks(content);
    let results = 0;
    for (const b of all) {
      if (b.type !== 'tool_result') continue;
      results++;
      tokens += tokensOf(contentText(b.content));
    }
    if (results === 0 || results < all.length) tokens += tokensOf(contentText(content));
  }
  return tokens;
}
