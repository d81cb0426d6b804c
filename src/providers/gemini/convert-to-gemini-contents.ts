import type { AssistantPart, CanonicalMessage, ImagePart, ToolResultMessage, UserPart } from '../../canonical/request.ts';
import type { GeminiContent, GeminiPart } from './gemini-wire-types.ts';

/**
 * The value Google documents for replaying a `functionCall` part whose thought signature was lost
 * (e.g. the client's API has no field for it). Gemini 3 models reject unsigned function calls with 400.
 * https://ai.google.dev/gemini-api/docs/thought-signatures
 */
export const SKIP_THOUGHT_SIGNATURE_VALIDATOR = 'skip_thought_signature_validator';

export interface ContentsOptions {
  /** Gemini 3 and later validate thought signatures on function calls; unsigned calls get the documented sentinel. */
  requiresFunctionCallSignatures: boolean;
}

/**
 * Canonical messages → Gemini `contents`. Roles are `user` / `model`. Consecutive tool results become
 * one `user` turn of `functionResponse` parts (Gemini pairs parallel calls with their responses by turn),
 * named by `toolName` or else by the name of the earlier tool call with that id.
 *
 * Thought signatures: a reasoning part holding only a signature (what the decoder makes of a signature on
 * a text or function-call part) puts that signature back on the next part of the turn, or on an empty
 * text part when nothing follows; a reasoning part with text becomes a `thought: true` part.
 */
export function convertToGeminiContents(messages: readonly CanonicalMessage[], o: ContentsOptions): GeminiContent[] {
  const toolNames = new Map<string, string>();
  for (const m of messages) {
    if (m.role !== 'assistant') continue;
    for (const part of m.content) if (part.type === 'tool_call') toolNames.set(part.id, part.name);
  }
  const contents: GeminiContent[] = [];
  let toolTurn: GeminiContent | undefined;
  for (const m of messages) {
    if (m.role === 'tool') {
      if (toolTurn === undefined) {
        toolTurn = { role: 'user', parts: [] };
        contents.push(toolTurn);
      }
      toolTurn.parts.push(...toolResultParts(m, toolNames));
      continue;
    }
    toolTurn = undefined;
    if (m.role === 'user') {
      const parts = m.content.map(userPart);
      contents.push({ role: 'user', parts: parts.length > 0 ? parts : [{ text: '' }] });
    } else {
      const parts = modelParts(m.content, o);
      if (parts.length > 0) contents.push({ role: 'model', parts });
    }
  }
  return contents;
}

function userPart(part: UserPart): GeminiPart {
  return part.type === 'text' ? { text: part.text } : imagePart(part);
}

const DATA_URL_PREFIX = 'data:';
const URL_SUFFIX = /[?#]/;
const NOT_NAME_CHAR = /[^A-Za-z0-9_.-]/g;
const NAME_START = /^[A-Za-z_]/;
const IMAGE_TYPES: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', heic: 'image/heic', heif: 'image/heif',
};

/** base64 → `inlineData`; a `data:` URL is unpacked into `inlineData`; any other URL → `fileData` (MIME type from the extension, else image/jpeg). */
function imagePart(part: ImagePart): GeminiPart {
  const src = part.source;
  if (src.kind === 'base64') return { inlineData: { mimeType: src.mediaType, data: src.data } };
  if (src.url.startsWith(DATA_URL_PREFIX)) {
    const comma = src.url.indexOf(',');
    const meta = src.url.slice(DATA_URL_PREFIX.length, comma);
    if (comma !== -1 && meta.endsWith(';base64')) {
      return { inlineData: { mimeType: meta.slice(0, -7) || 'image/jpeg', data: src.url.slice(comma + 1) } };
    }
  }
  return { fileData: { mimeType: mimeFromUrl(src.url), fileUri: src.url } };
}

function mimeFromUrl(url: string): string {
  let path = url;
  const cut = path.search(URL_SUFFIX);
  if (cut !== -1) path = path.slice(0, cut);
  const dot = path.lastIndexOf('.');
  const ext = dot === -1 ? '' : path.slice(dot + 1).toLowerCase();
  return IMAGE_TYPES[ext] ?? 'image/jpeg';
}

function toolResultParts(m: ToolResultMessage, toolNames: ReadonlyMap<string, string>): GeminiPart[] {
  const name = m.toolName ?? toolNames.get(m.toolCallId) ?? sanitizeName(m.toolCallId);
  let text = '';
  const images: GeminiPart[] = [];
  for (const part of m.content) {
    if (part.type === 'text') text = text === '' ? part.text : `${text}\n${part.text}`;
    else images.push(imagePart(part));
  }
  const response = m.isError === true ? { error: text } : { output: text };
  return [{ functionResponse: { name, response } }, ...images];
}

function sanitizeName(id: string): string {
  const name = id.replace(NOT_NAME_CHAR, '_').slice(0, 64);
  return NAME_START.test(name) ? name : `_${name}`.slice(0, 64);
}

function modelParts(content: readonly AssistantPart[], o: ContentsOptions): GeminiPart[] {
  const parts: GeminiPart[] = [];
  let pending: string | undefined;
  for (const part of content) {
    if (part.type === 'reasoning') {
      if (part.text === '') {
        if (part.signature === undefined) continue;
        if (pending !== undefined) parts.push({ text: '', thoughtSignature: pending });
        pending = part.signature;
        continue;
      }
      parts.push(withSignature({ text: part.text, thought: true }, part.signature));
      continue;
    }
    if (part.type === 'text') {
      if (part.text === '' && pending === undefined) continue;
      parts.push(withSignature({ text: part.text }, pending));
    } else {
      parts.push(withSignature({ functionCall: { name: part.name, args: parseArguments(part.arguments) } }, pending));
    }
    pending = undefined;
  }
  if (pending !== undefined) parts.push({ text: '', thoughtSignature: pending });
  if (o.requiresFunctionCallSignatures) signFunctionCalls(parts);
  return parts;
}

function withSignature(part: GeminiPart, signature: string | undefined): GeminiPart {
  if (signature !== undefined) part.thoughtSignature = signature;
  return part;
}

/** When no function call of the turn is signed, each gets the documented sentinel (Gemini 3 signs only the first of parallel calls). */
function signFunctionCalls(parts: GeminiPart[]): void {
  let calls = 0;
  for (const part of parts) {
    if (part.functionCall === undefined) continue;
    if (part.thoughtSignature !== undefined) return;
    calls++;
  }
  if (calls === 0) return;
  for (const part of parts) if (part.functionCall !== undefined) part.thoughtSignature = SKIP_THOUGHT_SIGNATURE_VALIDATOR;
}

/** Tool-call arguments as the object Gemini wants; text that is not a JSON object becomes `{}`. */
function parseArguments(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
