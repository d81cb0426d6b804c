const VALID_ID = /^[a-zA-Z0-9]{9}$/;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/**
 * Mistral rejects tool-call ids that are not exactly 9 characters from [a-zA-Z0-9]. Ids Mistral issued
 * already fit and pass through unchanged; any other id (OpenAI `call_…`, Anthropic `toolu_…`, after a
 * failover mid-conversation) is replaced by a 9-character base-62 digest of its 64-bit FNV-1a hash. The
 * mapping is a pure function of the id, so an assistant `tool_calls[].id` and the later tool message's
 * `tool_call_id` map to the same value on every request of the conversation and on every retry.
 * https://docs.mistral.ai/capabilities/function_calling/
 */
export function toMistralToolCallId(id: string): string {
  if (VALID_ID.test(id)) return id;
  let hash = FNV_OFFSET;
  for (let i = 0; i < id.length; i++) {
    hash ^= BigInt(id.charCodeAt(i));
    hash = (hash * FNV_PRIME) & MASK_64;
  }
  let out = '';
  for (let i = 0; i < 9; i++) {
    out += ALPHABET[Number(hash % 62n)];
    hash /= 62n;
  }
  return out;
}
