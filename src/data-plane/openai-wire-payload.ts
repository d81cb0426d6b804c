import { withoutRoutingFields } from '../router/provider-preferences.ts';

/** A client's JSON body as read: the parsed object (routing fields removed) and the bytes it came from. */
export interface ClientBody {
  value: Record<string, unknown>;
  raw: Buffer;
  /** True when the gateway removed its own fields (`models`, `provider`), so the bytes no longer match `value`. */
  rewritten: boolean;
}

/** The body as the gateway forwards it: its routing fields (`models`, `provider`) removed, the bytes kept. */
export function clientBodyOf(parsed: Record<string, unknown>, raw: Buffer): ClientBody {
  const value = withoutRoutingFields(parsed);
  return { value, raw, rewritten: value !== parsed };
}

/**
 * The upstream body for an OpenAI-wire target (OpenAI chat or embeddings). The client's own bytes
 * are forwarded when nothing in them has to change: the target's model is the one requested, the
 * gateway removed no fields, and a stream already asks for usage. Otherwise the parsed body is
 * re-serialized with `model` (and, for streams, `stream` and `stream_options.include_usage`) set.
 *
 * Forwarding bytes that were checked as parsed is only safe when the upstream cannot read them
 * differently: a key given twice is read as its last value by JSON.parse but by some parsers as its
 * first, so a second `"model"` could send the request to a model the key may not use. The bytes are
 * forwarded only when each key that matters occurs once, spelled plainly: a quoted name cannot occur
 * inside a JSON string (its quotes would be escaped), and a body with any `\u` escape (which could
 * spell a key another way) is always re-serialized. A nested key or a string value of the same name
 * only makes the check fall back to re-serializing, never pass wrongly.
 */
export function openAIWirePayload(body: ClientBody, targetModel: string, stream: boolean): Buffer | string {
  if (canForwardBytes(body, targetModel, stream)) return body.raw;
  const v = body.value;
  if (!stream) return JSON.stringify({ ...v, model: targetModel });
  return JSON.stringify({ ...v, model: targetModel, stream: true, stream_options: { ...(v.stream_options as object), include_usage: true } });
}

function canForwardBytes(body: ClientBody, targetModel: string, stream: boolean): boolean {
  const { value: v, raw } = body;
  if (body.rewritten || v.model !== targetModel || raw.includes('\\u', 0, 'latin1') || !once(raw, '"model"')) return false;
  if (!stream) return v.stream === undefined || once(raw, '"stream"');
  const opts = v.stream_options as { include_usage?: unknown } | undefined;
  return v.stream === true && opts?.include_usage === true && once(raw, '"stream"') && once(raw, '"stream_options"') && once(raw, '"include_usage"');
}

/** True when `quotedKey` occurs exactly once in the bytes. */
function once(raw: Buffer, quotedKey: string): boolean {
  const at = raw.indexOf(quotedKey, 0, 'latin1');
  return at !== -1 && raw.indexOf(quotedKey, at + quotedKey.length, 'latin1') === -1;
}
