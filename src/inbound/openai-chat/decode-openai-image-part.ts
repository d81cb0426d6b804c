import type { ImagePart } from '../../canonical/request.ts';
import { badParam, isAbsent, isRecord } from './openai-chat-field.ts';

const DETAILS: Readonly<Record<string, ImagePart['detail']>> = { auto: 'auto', low: 'low', high: 'high', original: 'high' };

/**
 * An OpenAI `image_url` content part: a `data:<type>;base64,…` URL becomes an inline image,
 * an http(s) URL stays a URL. `detail: 'original'` has no canonical twin and is sent as `high`.
 * https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 */
export function decodeOpenAIImagePart(part: Record<string, unknown>, param: string): ImagePart {
  const image = part.image_url;
  if (!isRecord(image) || typeof image.url !== 'string') {
    throw badParam(`${param}.image_url`, `Invalid '${param}.image_url': expected an object with a string 'url'.`, 'invalid_type');
  }
  const detail = isAbsent(image.detail) ? undefined : DETAILS[image.detail as string];
  if (!isAbsent(image.detail) && detail === undefined) {
    throw badParam(`${param}.image_url.detail`, `Invalid '${param}.image_url.detail': expected 'auto', 'low', 'high' or 'original'.`);
  }
  const out: ImagePart = { type: 'image', source: imageSource(image.url, `${param}.image_url.url`) };
  if (detail !== undefined) out.detail = detail;
  return out;
}

function imageSource(url: string, param: string): ImagePart['source'] {
  if (url.startsWith('data:')) {
    const comma = url.indexOf(',');
    const header = comma === -1 ? '' : url.slice(5, comma);
    const semi = header.indexOf(';');
    const mediaType = semi === -1 ? header : header.slice(0, semi);
    if (comma === -1 || !header.endsWith(';base64') || mediaType === '') {
      throw badParam(param, `Invalid '${param}': a data URL must look like 'data:image/png;base64,<data>'.`);
    }
    return { kind: 'base64', mediaType, data: url.slice(comma + 1) };
  }
  if (url.startsWith('https://') || url.startsWith('http://')) return { kind: 'url', url };
  throw badParam(param, `Invalid '${param}': expected an http(s) URL or a base64 data URL.`);
}
