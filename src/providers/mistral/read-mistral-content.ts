/** One piece of Mistral message content in order: visible text or reasoning (`thinking` chunk) text. */
export interface MistralContentPiece {
  kind: 'text' | 'reasoning';
  text: string;
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function thinkingText(thinking: unknown): string {
  if (typeof thinking === 'string') return thinking;
  if (!Array.isArray(thinking)) return '';
  let text = '';
  for (const c of thinking) if (isObject(c) && c.type === 'text' && typeof c.text === 'string') text += c.text;
  return text;
}

/**
 * Reads `content` of a Mistral message or stream delta: a string, null, or chunks. `text` chunks are
 * visible text, `thinking` chunks (Magistral) are reasoning whose own `thinking` list holds text chunks;
 * `image_url`, `reference` and other chunk types carry no generated text and are skipped. Empty pieces are dropped.
 * https://docs.mistral.ai/capabilities/reasoning/
 */
export function readMistralContent(content: unknown): MistralContentPiece[] {
  if (typeof content === 'string') return content === '' ? [] : [{ kind: 'text', text: content }];
  if (!Array.isArray(content)) return [];
  const pieces: MistralContentPiece[] = [];
  for (const chunk of content) {
    if (!isObject(chunk)) continue;
    if (chunk.type === 'text' && typeof chunk.text === 'string' && chunk.text !== '') pieces.push({ kind: 'text', text: chunk.text });
    else if (chunk.type === 'thinking') {
      const text = thinkingText(chunk.thinking);
      if (text !== '') pieces.push({ kind: 'reasoning', text });
    }
  }
  return pieces;
}

/** Tool-call `arguments` as JSON text: Mistral may send a string or an already-parsed object. */
export function mistralArgumentsText(args: unknown): string {
  if (typeof args === 'string') return args;
  if (args === undefined || args === null) return '';
  return JSON.stringify(args);
}
