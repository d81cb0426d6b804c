import { stripMarkers } from '../directives.ts';
import { countWords } from '../text-generator.ts';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function partsOf(content: unknown): Obj[] {
  const parts = isObject(content) ? content.parts : undefined;
  return Array.isArray(parts) ? parts.filter(isObject) : [];
}

/** The visible text of a content: its non-thought `text` parts joined by spaces. */
export function contentText(content: unknown): string {
  let text = '';
  for (const part of partsOf(content)) {
    if (typeof part.text !== 'string' || part.thought === true) continue;
    text = text === '' ? part.text : `${text} ${part.text}`;
  }
  return text;
}

/** The text of the last `user` content that has text: where the `[emu ...]` marker is read from (tool-result turns are skipped). */
export function lastUserContentText(body: unknown): string | undefined {
  const contents = isObject(body) ? body.contents : undefined;
  if (!Array.isArray(contents)) return undefined;
  for (let i = contents.length - 1; i >= 0; i--) {
    const c = contents[i];
    if (!isObject(c) || (c.role !== undefined && c.role !== 'user')) continue;
    if (partsOf(c).some((p) => typeof p.text === 'string')) return contentText(c);
  }
  return undefined;
}

function responseText(response: unknown): string {
  if (!isObject(response)) return typeof response === 'string' ? response : '';
  return Object.values(response).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' ');
}

const messageTokens = (text: string): number => 4 + countWords(stripMarkers(text));

/**
 * Prompt tokens before cached tokens, by the shared formula (4 + words per message) applied to what each
 * Gemini piece stands for in OpenAI terms: each `systemInstruction` part is a system message, each content
 * with anything but function responses is a message, and each `functionResponse` part is a tool message
 * (its words are those of the response's values). Images and function calls count 0.
 */
export function countGeminiPromptTokens(contents: readonly unknown[], systemInstruction: unknown): number {
  let tokens = 0;
  if (typeof systemInstruction === 'string') tokens += messageTokens(systemInstruction);
  else for (const part of partsOf(systemInstruction)) if (typeof part.text === 'string') tokens += messageTokens(part.text);
  for (const content of contents) {
    const parts = partsOf(content);
    const responses = parts.filter((p) => isObject(p.functionResponse));
    if (responses.length < parts.length || parts.length === 0) tokens += messageTokens(contentText(content));
    for (const p of responses) tokens += messageTokens(responseText((p.functionResponse as Obj).response));
  }
  return tokens;
}

/** Prompt tokens of a `generateContent` body, for `context_window`; undefined without a `contents` list. */
export function generatePromptTokens(body: unknown): number | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const { contents, systemInstruction } = body as { contents?: unknown; systemInstruction?: unknown };
  return Array.isArray(contents) ? countGeminiPromptTokens(contents, systemInstruction) : undefined;
}
