import { withoutRoutingFields } from '../router/provider-preferences.ts';

/** A client's JSON body as read: the parsed object (routing fields removed), the bytes it came from and their text. */
export interface ClientBody {
  value: Record<string, unknown>;
  raw: Buffer;
  /** `raw` decoded as UTF-8: searched in place of the bytes (a V8 string search, not a native call per search). */
  text: string;
  /** True when the gateway removed its own fields (`models`, `provider`), so the bytes no longer match `value`. */
  rewritten: boolean;
}

/** The body as the gateway forwards it: its routing fields (`models`, `provider`) removed, the bytes kept. */
export function clientBodyOf(parsed: Record<string, unknown>, read: { raw: Buffer; text: string }): ClientBody {
  const value = withoutRoutingFields(parsed);
  return { value, raw: read.raw, text: read.text, rewritten: value !== parsed };
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
  // The text holds the bytes' ASCII characters as they are (decoding does not touch JSON escapes).
  const { value: v, text } = body;
  if (body.rewritten || v.model !== targetModel || text.includes('\\u') || !once(text, '"model"')) return false;
  if (!stream) return v.stream === undefined || once(text, '"stream"');
  const opts = v.stream_options as { include_usage?: unknown } | undefined;
  return v.stream === true && opts?.include_usage === true && once(text, '"stream"') && once(text, '"stream_options"') && once(text, '"include_usage"');
}

/** True when `quotedKey` occurs exactly once in the text. */
function once(text: string, quotedKey: string): boolean {
  const at = text.indexOf(quotedKey);
  return at !== -1 && text.indexOf(quotedKey, at + quotedKey.length) === -1;
}
