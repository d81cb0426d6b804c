const BASE64_MARKER = ';base64,';

/**
 * Splits a `data:<media type>;base64,<data>` URL (how OpenAI clients inline images) into its parts,
 * because Anthropic takes inline images only as a base64 source. Undefined for any other URL.
 */
export function parseBase64DataUrl(url: string): { mediaType: string; data: string } | undefined {
  if (!url.startsWith('data:')) return undefined;
  const marker = url.indexOf(BASE64_MARKER);
  if (marker === -1) return undefined;
  const mediaType = url.slice('data:'.length, marker);
  const params = mediaType.indexOf(';');
  return { mediaType: params === -1 ? mediaType : mediaType.slice(0, params), data: url.slice(marker + BASE64_MARKER.length) };
}
