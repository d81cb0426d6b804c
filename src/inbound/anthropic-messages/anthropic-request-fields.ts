import type { TextPart } from '../../canonical/request.ts';
import { HttpError } from '../../server/http-error.ts';

/** A JSON object from a request body. */
export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A 400 naming the field by its path (`messages.2.content.0.type`), the way Anthropic words its own. */
export function badField(path: string, message: string): HttpError {
  return new HttpError(400, 'invalid_request_error', 'invalid_request', `${path}: ${message}`, { param: path });
}

/** A 400 for a documented Anthropic feature the gateway cannot carry to every provider. */
export function unsupported(path: string, message: string): HttpError {
  return new HttpError(400, 'invalid_request_error', 'unsupported_parameter', `${path}: ${message}`, { param: path });
}

export function requireString(o: JsonObject, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw badField(path, v === undefined ? 'Field required' : 'Input should be a valid string');
  return v;
}

export function readString(o: JsonObject, key: string, path: string): string | undefined {
  const v = o[key];
  if (v == null) return undefined;
  if (typeof v !== 'string') throw badField(path, 'Input should be a valid string');
  return v;
}

export function readBoolean(o: JsonObject, key: string, path: string): boolean | undefined {
  const v = o[key];
  if (v == null) return undefined;
  if (typeof v !== 'boolean') throw badField(path, 'Input should be a valid boolean');
  return v;
}

export function readNumber(o: JsonObject, key: string, path: string, min: number, max: number): number | undefined {
  const v = o[key];
  if (v == null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw badField(path, `Input should be a number from ${min} to ${max}`);
  return v;
}

export function readInteger(o: JsonObject, key: string, path: string, min: number): number | undefined {
  const v = o[key];
  if (v == null) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) throw badField(path, `Input should be an integer of at least ${min}`);
  return v;
}

export function readObject(o: JsonObject, key: string, path: string): JsonObject | undefined {
  const v = o[key];
  if (v == null) return undefined;
  if (!isObject(v)) throw badField(path, 'Input should be an object');
  return v;
}

export function requireArray(o: JsonObject, key: string, path: string): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) throw badField(path, v === undefined ? 'Field required' : 'Input should be a valid list');
  return v;
}

/** `cache_control: {type: 'ephemeral', ttl?}`; https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching */
export function readCacheControl(o: JsonObject, path: string): TextPart['cacheControl'] {
  const cc = readObject(o, 'cache_control', `${path}.cache_control`);
  if (cc === undefined) return undefined;
  if (cc.type !== 'ephemeral') throw badField(`${path}.cache_control.type`, "Input should be 'ephemeral'");
  const ttl = readString(cc, 'ttl', `${path}.cache_control.ttl`);
  return ttl === undefined ? { type: 'ephemeral' } : { type: 'ephemeral', ttl };
}
