import { invalidRequest } from '../server/http-error.ts';

/** Longest model name a request may carry. */
export const MAX_MODEL_NAME_LENGTH = 256;

/** The rule as clients read it in a 400 (docs/api.md, "Model names"). */
export const MODEL_NAME_RULE =
  'a model name is 1 to 256 characters of letters, digits and . _ : / @ + -, with no empty, "." or ".." segment between slashes';

const SLASH = 0x2f;
const DOT = 0x2e;

/** Allowed characters by code (ASCII only): letters, digits and `._:/@+-`. */
const ALLOWED = new Uint8Array(128);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:/@+-') ALLOWED[c.charCodeAt(0)] = 1;

/**
 * Whether a requested model name follows the rule. Every name a client sends is checked before it is
 * resolved, because the name (or the part a wildcard route substitutes) reaches response headers and,
 * on URL-path providers, upstream URL paths: nothing outside this set can break a header, and no
 * segment can climb or collapse a path. The set is the config's own (route-schema), so every
 * configured name stays reachable, and it covers real ids such as
 * `anthropic.claude-3-5-sonnet-20241022-v2:0`, `claude-3-5-sonnet@20241022`, `ft:gpt-4o-mini:org:custom:abc`
 * and `accounts/fireworks/models/x`. One pass over char codes, no regex.
 */
export function isValidModelName(name: string): boolean {
  const n = name.length;
  if (n === 0 || n > MAX_MODEL_NAME_LENGTH) return false;
  let segmentStart = 0;
  let dotsOnly = true;
  for (let i = 0; i <= n; i++) {
    const c = i === n ? SLASH : name.charCodeAt(i);
    if (c === SLASH) {
      const length = i - segmentStart;
      if (length === 0 || (dotsOnly && length <= 2)) return false;
      segmentStart = i + 1;
      dotsOnly = true;
      continue;
    }
    if (c >= 128 || ALLOWED[c] === 0) return false;
    if (c !== DOT) dotsOnly = false;
  }
  return true;
}

/**
 * @throws HttpError 400 `invalid_model_name` naming `param` and the rule, when `name` breaks it.
 *   The name itself is not quoted back: it may hold the very characters the rule keeps out.
 */
export function checkModelName(name: string, param: string): void {
  if (!isValidModelName(name)) throw invalidRequest('invalid_model_name', `"${param}" is not a valid model name: ${MODEL_NAME_RULE}`, param);
}
