import type { AssistantPart, CanonicalMessage, ImagePart, TextPart, ToolResultMessage, UserPart } from '../../canonical/request.ts';
import {
  badField, isObject, readBoolean, readCacheControl, requireString, unsupported, type JsonObject,
} from './anthropic-request-fields.ts';

/**
 * Anthropic `messages` → canonical messages. A user turn's `tool_result` blocks become canonical tool
 * messages (in place, so the order of results and text is kept); each result learns its tool's name from
 * the earlier `tool_use`. Blocks with no canonical form (documents, search results, server tools, files)
 * are refused with a 400 naming the block, rather than silently dropped.
 * https://docs.anthropic.com/en/api/messages#body-messages
 */
export function decodeAnthropicMessages(value: unknown): CanonicalMessage[] {
  if (!Array.isArray(value)) throw badField('messages', value === undefined ? 'Field required' : 'Input should be a valid list');
  if (value.length === 0) throw badField('messages', 'at least one message is required');
  const toolNames = new Map<string, string>();
  const out: CanonicalMessage[] = [];
  value.forEach((m, i) => {
    const path = `messages.${i}`;
    if (!isObject(m)) throw badField(path, 'Input should be an object');
    if (m.role === 'assistant') out.push({ role: 'assistant', content: assistantParts(m, path, toolNames) });
    else if (m.role === 'user') out.push(...userMessages(m, path, toolNames));
    else if (m.role === 'system') throw unsupported(`${path}.role`, "system turns inside messages are not supported by this gateway; use the top-level 'system' parameter");
    else throw badField(`${path}.role`, "Input should be 'user' or 'assistant'");
  });
  return out;
}

function blocksOf(m: JsonObject, path: string): JsonObject[] {
  const content = m.content;
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw badField(`${path}.content`, content === undefined ? 'Field required' : 'Input should be a valid string or list of content blocks');
  return content.map((b, j) => {
    if (!isObject(b)) throw badField(`${path}.content.${j}`, 'Input should be an object');
    return b;
  });
}

function textPart(b: JsonObject, path: string): TextPart {
  const part: TextPart = { type: 'text', text: requireString(b, 'text', `${path}.text`) };
  const cache = readCacheControl(b, path);
  if (cache !== undefined) part.cacheControl = cache;
  return part;
}

function imagePart(b: JsonObject, path: string): ImagePart {
  const s = b.source;
  if (!isObject(s)) throw badField(`${path}.source`, 'Field required');
  let part: ImagePart;
  if (s.type === 'base64') {
    part = { type: 'image', source: { kind: 'base64', mediaType: requireString(s, 'media_type', `${path}.source.media_type`), data: requireString(s, 'data', `${path}.source.data`) } };
  } else if (s.type === 'url') {
    part = { type: 'image', source: { kind: 'url', url: requireString(s, 'url', `${path}.source.url`) } };
  } else if (s.type === 'file') {
    throw unsupported(`${path}.source.type`, 'Files API images are not supported by this gateway; send the image as base64 or url');
  } else {
    throw badField(`${path}.source.type`, "Input should be 'base64' or 'url'");
  }
  const cache = readCacheControl(b, path);
  if (cache !== undefined) part.cacheControl = cache;
  return part;
}

function userParts(blocks: readonly JsonObject[], path: string, offset: number, context: string): UserPart[] {
  return blocks.map((b, k) => {
    const p = `${path}.${offset + k}`;
    if (b.type === 'text') return textPart(b, p);
    if (b.type === 'image') return imagePart(b, p);
    throw unsupportedBlock(`${p}.type`, b.type, context);
  });
}

function unsupportedBlock(path: string, type: unknown, context: string) {
  if (typeof type !== 'string') return badField(path, 'Field required');
  return unsupported(path, `'${type}' blocks are not supported ${context} by this gateway`);
}

function userMessages(m: JsonObject, path: string, toolNames: Map<string, string>): CanonicalMessage[] {
  const blocks = blocksOf(m, path);
  const out: CanonicalMessage[] = [];
  let pending: UserPart[] | undefined;
  blocks.forEach((b, j) => {
    const p = `${path}.content.${j}`;
    if (b.type === 'tool_result') {
      pending = undefined;
      out.push(toolResult(b, p, toolNames));
      return;
    }
    if (pending === undefined) {
      pending = [];
      out.push({ role: 'user', content: pending });
    }
    pending.push(...userParts([b], `${path}.content`, j, 'in user messages'));
  });
  if (out.length === 0) out.push({ role: 'user', content: [] });
  return out;
}

function toolResult(b: JsonObject, path: string, toolNames: Map<string, string>): ToolResultMessage {
  const id = requireString(b, 'tool_use_id', `${path}.tool_use_id`);
  const msg: ToolResultMessage = { role: 'tool', toolCallId: id, content: [] };
  const name = toolNames.get(id);
  if (name !== undefined) msg.toolName = name;
  const c = b.content;
  if (typeof c === 'string') msg.content = c === '' ? [] : [{ type: 'text', text: c }];
  else if (Array.isArray(c)) {
    msg.content = userParts(c.map((x, k) => {
      if (!isObject(x)) throw badField(`${path}.content.${k}`, 'Input should be an object');
      return x;
    }), `${path}.content`, 0, 'inside tool_result content');
  } else if (c != null) throw badField(`${path}.content`, 'Input should be a valid string or list of content blocks');
  if (readBoolean(b, 'is_error', `${path}.is_error`) === true) msg.isError = true;
  const cache = readCacheControl(b, path);
  if (cache !== undefined) msg.cacheControl = cache;
  return msg;
}

function assistantParts(m: JsonObject, path: string, toolNames: Map<string, string>): AssistantPart[] {
  return blocksOf(m, path).map((b, j): AssistantPart => {
    const p = `${path}.content.${j}`;
    switch (b.type) {
      case 'text':
        return textPart(b, p);
      case 'thinking':
        return { type: 'reasoning', text: requireString(b, 'thinking', `${p}.thinking`), signature: requireString(b, 'signature', `${p}.signature`) };
      case 'redacted_thinking':
        return { type: 'reasoning', text: '', redactedData: requireString(b, 'data', `${p}.data`) };
      case 'tool_use': {
        const id = requireString(b, 'id', `${p}.id`);
        const name = requireString(b, 'name', `${p}.name`);
        if (b.input != null && !isObject(b.input)) throw badField(`${p}.input`, 'Input should be an object');
        toolNames.set(id, name);
        const part: AssistantPart = { type: 'tool_call', id, name, arguments: JSON.stringify(b.input ?? {}) };
        const cache = readCacheControl(b, p);
        if (cache !== undefined) part.cacheControl = cache;
        return part;
      }
      default:
        throw unsupportedBlock(`${p}.type`, b.type, 'in assistant messages');
    }
  });
}
