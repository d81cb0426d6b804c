/**
 * True when objects/arrays in a JSON text nest deeper than `limit`, stopping early once they do.
 * Run before `JSON.parse`, so no deeply nested value reaches code that walks it recursively.
 */
export function exceedsJsonDepth(text: string, limit: number): boolean {
  if (!hasMoreOpenings(text, limit)) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

/**
 * Whether more than `limit` `{` and `[` occur at all (strings included). When not, nesting cannot
 * exceed `limit`, and the common small body is cleared with a few string searches instead of a
 * walk over every character.
 */
function hasMoreOpenings(text: string, limit: number): boolean {
  let n = 0;
  for (const open of ['{', '[']) {
    for (let i = text.indexOf(open); i !== -1; i = text.indexOf(open, i + 1)) if (++n > limit) return true;
  }
  return false;
}
