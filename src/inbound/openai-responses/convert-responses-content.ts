import type { ImagePart, TextPart, UserPart } from '../../canonical/request.ts';
import { badField, isObject, requireString, unsupported } from './read-request-fields.ts';

/**
 * Content parts of Responses input messages to canonical parts.
 * https://platform.openai.com/docs/api-reference/responses/create#responses-create-input
 */
export function convertUserContent(content: unknown, path: string): UserPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw badField(path, 'must be a string or an array of content parts');
  return content.map((part, i) => convertUserPart(part, `${path}[${i}]`));
}

function convertUserPart(part: unknown, path: string): UserPart {
  if (!isObject(part)) throw badField(path, 'must be an object');
  switch (part.type) {
    case 'input_text':
      return { type: 'text', text: requireString(part, 'text', `${path}.text`) };
    case 'input_image':
      return convertInputImage(part, path);
    case 'input_file':
    case 'input_audio':
      throw unsupported(`${path}.type`, `'${part.type}' content is not supported through this gateway; send text or images`);
    default:
      throw badField(`${path}.type`, `unknown content type ${JSON.stringify(part.type)} (expected input_text or input_image)`);
  }
}

function convertInputImage(part: Record<string, unknown>, path: string): ImagePart {
  if (part.file_id != null) throw unsupported(`${path}.file_id`, 'uploaded files are not supported through this gateway; send image_url (a URL or a base64 data URL)');
  const url = requireString(part, 'image_url', `${path}.image_url`);
  const detail = mapDetail(part.detail, `${path}.detail`);
  const source = url.startsWith('data:') ? parseDataUrl(url, `${path}.image_url`) : { kind: 'url' as const, url };
  return detail ? { type: 'image', source, detail } : { type: 'image', source };
}

function mapDetail(v: unknown, path: string): ImagePart['detail'] {
  if (v == null) return undefined;
  if (v === 'auto' || v === 'low' || v === 'high') return v;
  if (v === 'original') return 'high';
  throw badField(path, "must be one of 'auto', 'low', 'high', 'original'");
}

function parseDataUrl(url: string, path: string): ImagePart['source'] {
  const comma = url.indexOf(',');
  const header = comma < 0 ? '' : url.slice(5, comma);
  if (!header.endsWith(';base64')) throw badField(path, 'a data URL must be base64-encoded: data:<media type>;base64,<data>');
  const mediaType = header.slice(0, -';base64'.length);
  if (!mediaType) throw badField(path, 'a data URL needs a media type, e.g. data:image/png;base64,…');
  return { kind: 'base64', mediaType, data: url.slice(comma + 1) };
}

/** System / developer message content: text only. */
export function convertInstructionContent(content: unknown, path: string): TextPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw badField(path, 'must be a string or an array of input_text parts');
  return content.map((part, i) => {
    const p = `${path}[${i}]`;
    if (!isObject(part) || part.type !== 'input_text') throw badField(`${p}.type`, 'system and developer messages accept only input_text parts');
    return { type: 'text', text: requireString(part, 'text', `${p}.text`) };
  });
}

/** Assistant history: `output_text` (and `refusal`, kept as text); `input_text` is accepted as plain text too. */
export function convertAssistantContent(content: unknown, path: string): TextPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw badField(path, 'must be a string or an array of output_text parts');
  return content.map((part, i) => {
    const p = `${path}[${i}]`;
    if (!isObject(part)) throw badField(p, 'must be an object');
    if (part.type === 'output_text' || part.type === 'input_text') return { type: 'text', text: requireString(part, 'text', `${p}.text`) };
    if (part.type === 'refusal') return { type: 'text', text: requireString(part, 'refusal', `${p}.refusal`) };
    throw badField(`${p}.type`, `assistant messages accept output_text or refusal parts, not ${JSON.stringify(part.type)}`);
  });
}

/** `function_call_output.output`: a string, or input_text / input_image parts. */
export function convertToolOutput(output: unknown, path: string): UserPart[] {
  if (output == null) throw badField(path, 'is required (a string or an array of content parts)');
  return convertUserContent(output, path);
}
