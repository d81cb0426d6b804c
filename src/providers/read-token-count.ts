import { UpstreamProtocolError } from './provider-adapter.ts';

/**
 * The count a provider's token-counting answer holds in `field` (Anthropic and OpenAI `input_tokens`,
 * Google `totalTokens`). Google answers in proto3 JSON, which leaves a zero out, so `zeroWhenAbsent`.
 */
export function readTokenCount(json: unknown, field: string, zeroWhenAbsent = false): number {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new UpstreamProtocolError('malformed', 'a token count that is not a JSON object');
  const value = (json as Record<string, unknown>)[field];
  if (value === undefined && zeroWhenAbsent) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new UpstreamProtocolError('malformed', `a token count without a non-negative integer "${field}"`);
  return value;
}
