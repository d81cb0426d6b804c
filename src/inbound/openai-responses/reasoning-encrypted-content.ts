import type { ReasoningPart } from '../../canonical/request.ts';

/**
 * `encrypted_content` is opaque to clients, who send it back verbatim on the next turn
 * (https://platform.openai.com/docs/guides/reasoning#encrypted-reasoning-items). It carries the
 * reasoning part's `signature`; Anthropic's redacted thinking (`redactedData`, no text) is marked
 * with this prefix so it comes back as redacted data rather than as a signature.
 */
const REDACTED_PREFIX = 'switchyard-redacted:';

export function toEncryptedContent(part: ReasoningPart): string | undefined {
  if (part.redactedData !== undefined) return REDACTED_PREFIX + part.redactedData;
  return part.signature;
}

export function fromEncryptedContent(text: string, encrypted: string | undefined): ReasoningPart {
  if (encrypted === undefined) return { type: 'reasoning', text };
  if (encrypted.startsWith(REDACTED_PREFIX)) return { type: 'reasoning', text, redactedData: encrypted.slice(REDACTED_PREFIX.length) };
  return { type: 'reasoning', text, signature: encrypted };
}
