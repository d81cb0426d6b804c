import { stripMarkers } from '../directives.ts';
import { countWords } from '../text-generator.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The text of a Converse message or system list: every `text` block, and the text inside
 * `toolResult` blocks, joined by spaces. Images, tool inputs and cache points contribute nothing.
 */
export function blocksText(blocks: readonly unknown[]): string {
  const texts: string[] = [];
  for (const b of blocks) {
    if (!isObject(b)) continue;
    if (typeof b.text === 'string') texts.push(b.text);
    else if (isObject(b.toolResult) && Array.isArray(b.toolResult.content)) {
      for (const c of b.toolResult.content) if (isObject(c) && typeof c.text === 'string') texts.push(c.text);
    }
  }
  return texts.join(' ');
}

const contentOf = (m: unknown): readonly unknown[] => (isObject(m) && Array.isArray(m.content) ? m.content : []);

/** The text of the last user turn: where the `[emu ...]` marker is read from. */
export function lastUserText(body: unknown): string | undefined {
  const messages = isObject(body) && Array.isArray(body.messages) ? body.messages : undefined;
  if (!messages) return undefined;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (isObject(m) && m.role === 'user') return blocksText(contentOf(m));
  }
  return undefined;
}

/**
 * Uncached prompt tokens with the OpenAI emulator's formula: 4 + words per message, where the
 * system list counts as one message (OpenAI carries it as a system message), markers excluded.
 */
export function countConversePromptTokens(system: readonly unknown[], messages: readonly unknown[]): number {
  let tokens = system.length > 0 ? 4 + countWords(stripMarkers(blocksText(system))) : 0;
  for (const m of messages) tokens += 4 + countWords(stripMarkers(blocksText(contentOf(m))));
  return tokens;
}
