import type { AssistantPart, CanonicalMessage, TextPart, UserPart } from '../../canonical/request.ts';
import { HttpError } from '../../server/http-error.ts';
import type { BedrockContentBlock, BedrockImageFormat, BedrockMessage, BedrockSystemBlock, BedrockToolResultContent } from './bedrock-wire-types.ts';

const CACHE_POINT = { cachePoint: { type: 'default' } } as const;
const IMAGE_FORMATS: Record<string, BedrockImageFormat> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

const unsupported = (message: string, param?: string) => new HttpError(400, 'invalid_request_error', 'unsupported_content', message, { param });

/** System text blocks; a part marked for prompt caching is followed by a `cachePoint` block. */
export function convertToBedrockSystem(system: TextPart[]): BedrockSystemBlock[] {
  const out: BedrockSystemBlock[] = [];
  for (const part of system) {
    if (part.text !== '') out.push({ text: part.text });
    if (part.cacheControl) out.push(CACHE_POINT);
  }
  return out;
}

/**
 * Canonical messages to Converse messages. Tool results become `toolResult` blocks in a user turn,
 * and consecutive turns of the same role are merged, because Converse requires user and assistant
 * turns to alternate. Blank text blocks are dropped (Converse rejects them).
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html
 */
export function convertToBedrockMessages(messages: CanonicalMessage[]): BedrockMessage[] {
  const out: BedrockMessage[] = [];
  messages.forEach((m, i) => {
    const role = m.role === 'assistant' ? 'assistant' : 'user';
    const content = m.role === 'assistant' ? m.content.flatMap((p) => assistantBlocks(p, i)) : m.role === 'user' ? m.content.flatMap((p) => userBlocks(p, i)) : [toolResultBlock(m, i)];
    const last = out[out.length - 1];
    if (last?.role === role) last.content.push(...content);
    else out.push({ role, content });
  });
  return out;
}

function userBlocks(part: UserPart, i: number): BedrockContentBlock[] {
  if (part.type === 'text') {
    const blocks: BedrockContentBlock[] = part.text === '' ? [] : [{ text: part.text }];
    if (part.cacheControl) blocks.push(CACHE_POINT);
    return blocks;
  }
  return [{ image: imageBlock(part, i) }];
}

function imageBlock(part: Extract<UserPart, { type: 'image' }>, i: number): { format: BedrockImageFormat; source: { bytes: string } } {
  if (part.source.kind === 'url') {
    throw unsupported('Bedrock Converse takes images only as inline bytes; send the image as a base64 data URL instead of a link', `messages[${i}].content`);
  }
  const format = IMAGE_FORMATS[part.source.mediaType.toLowerCase()];
  if (!format) throw unsupported(`Bedrock Converse accepts png, jpeg, gif and webp images, not ${part.source.mediaType}`, `messages[${i}].content`);
  return { format, source: { bytes: part.source.data } };
}

function assistantBlocks(part: AssistantPart, i: number): BedrockContentBlock[] {
  switch (part.type) {
    case 'text':
      return part.text === '' ? (part.cacheControl ? [CACHE_POINT] : []) : part.cacheControl ? [{ text: part.text }, CACHE_POINT] : [{ text: part.text }];
    case 'reasoning':
      if (part.redactedData !== undefined) return [{ reasoningContent: { redactedContent: part.redactedData } }];
      return [{ reasoningContent: { reasoningText: part.signature === undefined ? { text: part.text } : { text: part.text, signature: part.signature } } }];
    case 'tool_call':
      return [{ toolUse: { toolUseId: part.id, name: part.name, input: parseArguments(part.arguments, i) } }];
  }
}

function parseArguments(text: string, i: number): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid_request_error', 'invalid_tool_arguments', 'tool call arguments must be valid JSON to be sent to Bedrock', { param: `messages[${i}]` });
  }
}

function toolResultBlock(m: Extract<CanonicalMessage, { role: 'tool' }>, i: number): BedrockContentBlock {
  const content: BedrockToolResultContent[] = m.content.map((p) => (p.type === 'text' ? { text: p.text } : { image: imageBlock(p, i) }));
  return {
    toolResult: {
      toolUseId: m.toolCallId,
      content: content.length > 0 ? content : [{ text: '' }],
      ...(m.isError ? { status: 'error' as const } : {}),
    },
  };
}
