import type { AssistantPart, CanonicalMessage, ImagePart, TextPart, ToolResultMessage, UserPart } from '../../canonical/request.ts';
import type {
  AnthropicCacheControl,
  AnthropicContentBlockParam,
  AnthropicImageBlockParam,
  AnthropicMessageParam,
  AnthropicTextBlockParam,
  AnthropicToolResultBlockParam,
} from './anthropic-wire-types.ts';
import { parseBase64DataUrl } from './parse-data-url.ts';

/**
 * Canonical messages → Anthropic `messages`. Tool results become `tool_result` blocks in `user` turns;
 * consecutive turns of one role are merged (the API wants them alternating) with `tool_result` blocks
 * first in their turn, as the API requires. Empty text blocks are dropped (the API rejects them), and
 * so is reasoning without a signature: it came from another provider and Anthropic cannot verify it.
 * https://docs.anthropic.com/en/docs/build-with-claude/tool-use/implement-tool-use#handling-tool-use-and-tool-result-content-blocks
 */
export function convertToAnthropicMessages(messages: readonly CanonicalMessage[]): AnthropicMessageParam[] {
  const out: AnthropicMessageParam[] = [];
  for (const m of messages) {
    const role = m.role === 'assistant' ? 'assistant' : 'user';
    const blocks = m.role === 'assistant' ? assistantBlocks(m.content) : m.role === 'user' ? userBlocks(m.content) : [toolResultBlock(m)];
    if (blocks.length === 0) continue;
    const last = out[out.length - 1];
    if (last !== undefined && last.role === role) last.content.push(...blocks);
    else out.push({ role, content: blocks });
  }
  for (const turn of out) if (turn.role === 'user') turn.content = toolResultsFirst(turn.content);
  return out;
}

function withCache<T extends object>(block: T, cache: AnthropicCacheControl | undefined): T {
  return cache === undefined ? block : { ...block, cache_control: { ...cache } };
}

function textBlock(part: TextPart): AnthropicTextBlockParam {
  return withCache<AnthropicTextBlockParam>({ type: 'text', text: part.text }, part.cacheControl);
}

function imageBlock(part: ImagePart): AnthropicImageBlockParam {
  const s = part.source;
  if (s.kind === 'base64') {
    return withCache<AnthropicImageBlockParam>({ type: 'image', source: { type: 'base64', media_type: s.mediaType, data: s.data } }, part.cacheControl);
  }
  const inline = parseBase64DataUrl(s.url);
  const source: AnthropicImageBlockParam['source'] = inline
    ? { type: 'base64', media_type: inline.mediaType, data: inline.data }
    : { type: 'url', url: s.url };
  return withCache<AnthropicImageBlockParam>({ type: 'image', source }, part.cacheControl);
}

function userBlocks(parts: readonly UserPart[]): Array<AnthropicTextBlockParam | AnthropicImageBlockParam> {
  const blocks: Array<AnthropicTextBlockParam | AnthropicImageBlockParam> = [];
  for (const part of parts) {
    if (part.type === 'image') blocks.push(imageBlock(part));
    else if (part.text !== '') blocks.push(textBlock(part));
  }
  return blocks;
}

function assistantBlocks(parts: readonly AssistantPart[]): AnthropicContentBlockParam[] {
  const blocks: AnthropicContentBlockParam[] = [];
  for (const part of parts) {
    if (part.type === 'text') {
      if (part.text !== '') blocks.push(textBlock(part));
    } else if (part.type === 'reasoning') {
      if (part.redactedData !== undefined) blocks.push({ type: 'redacted_thinking', data: part.redactedData });
      else if (part.signature !== undefined) blocks.push({ type: 'thinking', thinking: part.text, signature: part.signature });
    } else {
      blocks.push(withCache({ type: 'tool_use' as const, id: part.id, name: part.name, input: parseToolInput(part.arguments) }, part.cacheControl));
    }
  }
  return blocks;
}

function toolResultBlock(m: ToolResultMessage): AnthropicToolResultBlockParam {
  const block: AnthropicToolResultBlockParam = { type: 'tool_result', tool_use_id: m.toolCallId };
  const content = userBlocks(m.content);
  if (content.length > 0) block.content = content;
  if (m.isError === true) block.is_error = true;
  return withCache(block, m.cacheControl);
}

/** Tool arguments are JSON text canonically; Anthropic wants the object. Anything that is not a JSON object becomes `{}`. */
export function parseToolInput(args: string): Record<string, unknown> {
  if (args.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(args);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function toolResultsFirst(blocks: AnthropicContentBlockParam[]): AnthropicContentBlockParam[] {
  const results = blocks.filter((b) => b.type === 'tool_result');
  if (results.length === 0 || results.length === blocks.length) return blocks;
  return [...results, ...blocks.filter((b) => b.type !== 'tool_result')];
}
