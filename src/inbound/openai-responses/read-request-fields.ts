import { invalidRequest } from '../../server/http-error.ts';

/** A JSON object from a request body. */
export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A 400 naming the field (`param`) so the client knows exactly what to fix. */
export function badField(param: string, message: string) {
  return invalidRequest('invalid_request', `${param}: ${message}`, param);
}

export function unsupported(param: string, message: string) {
  return invalidRequest('unsupported_parameter', `${param}: ${message}`, param);
}

export function readString(o: JsonObject, key: string, path: string): string | undefined {
  const v = o[key];
  if (v == null) return undefined;
  if (typeof v !== 'string') throw badField(path, 'must be a string');
  return v;
}

export function requireString(o: JsonObject, key: string, path: string): string {
  const v = readString(o, key, path);
  if (v === undefined) throw badField(path, 'is required and must be a string');
  return v;
}

export function readBoolean(o: JsonObject, key: string, path: string): boolean | undefined {
  const v = o[key];
  if (v == null) return undefined;
  if (typeof v !== 'boolean') throw badField(path, 'must be a boolean');
  return v;
}

export function readNumber(o: JsonObject, key: string, path: string, min: number, max: number): number | undefined {
  const v = o[key];
  if (v == null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw badField(path, `must be a number from ${min} to ${max}`);
  return v;
}

export function readPositiveInteger(o: JsonObject, key: string, path: string): number | undefined {
  const v = o[key];
  if (v == null) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw badField(path, 'must be a positive integer');
  return v;
}

export function readObject(o: JsonObject, key: string, path: string): JsonObject | undefined {
  const v = o[key];
  if (v == null) return undefined;
  if (!isObject(v)) throw badField(path, 'must be an object');
  return v;
}

/** `o` without `keys`, or undefined when nothing is left (what is kept for `extensions`). */
export function withoutKeys(o: JsonObject, keys: readonly string[]): JsonObject | undefined {
  let rest: JsonObject | undefined;
  for (const [k, v] of Object.entries(o)) {
    if (keys.includes(k)) continue;
    (rest ??= {})[k] = v;
  }
  return rest;
}
