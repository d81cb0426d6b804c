/** Longest value `headerValue` lets through; longer ones are cut (a client's header limits are not ours to test). */
export const MAX_ECHOED_HEADER_LENGTH = 256;

/**
 * A response header value made from text the gateway does not control (an upstream's `model`, a
 * resolved wildcard name): printable ASCII (space to `~`) passes as is; any other character (CR, LF,
 * other controls, anything beyond ASCII, which Node refuses in a header or a client would misread)
 * is written as the percent-encoded bytes of its UTF-8 form, so `a\r\nb` becomes `a%0D%0Ab`. The
 * result is cut to 256 characters. Node's `writeHead` therefore never throws on it. One pass over
 * char codes; the common clean value is returned as is.
 */
export function headerValue(text: string): string {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) break;
    i++;
  }
  if (i === n) return n <= MAX_ECHOED_HEADER_LENGTH ? text : text.slice(0, MAX_ECHOED_HEADER_LENGTH);
  let out = text.slice(0, i);
  for (const ch of text.slice(i)) {
    if (out.length >= MAX_ECHOED_HEADER_LENGTH) break;
    const c = ch.charCodeAt(0);
    out += ch.length === 1 && c >= 0x20 && c <= 0x7e ? ch : percentEncode(ch);
  }
  return out.length <= MAX_ECHOED_HEADER_LENGTH ? out : out.slice(0, MAX_ECHOED_HEADER_LENGTH);
}

function percentEncode(ch: string): string {
  let out = '';
  for (const byte of Buffer.from(ch, 'utf8')) out += `%${byte < 16 ? '0' : ''}${byte.toString(16).toUpperCase()}`;
  return out;
}
