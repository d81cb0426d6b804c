import { invalidRequest } from '../../server/http-error.ts';

/** A JSON object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Absent means `undefined` or `null`: OpenAI accepts `null` for every optional parameter. */
export function isAbsent(v: unknown): v is undefined | null {
  return v === undefined || v === null;
}

/** A 400 naming the offending parameter, worded like OpenAI's own validation errors. */
export function badParam(param: string, message: string, code = 'invalid_value') {
  return invalidRequest(code, message, param);
}

export function optionalNumber(v: unknown, param: string, min: number, max: number): number | undefined {
  if (isAbsent(v)) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw badParam(param, `Invalid '${param}': expected a number between ${min} and ${max}.`, typeof v === 'number' ? 'invalid_value' : 'invalid_type');
  }
  return v;
}

export function optionalInteger(v: unknown, param: string, min: number): number | undefined {
  if (isAbsent(v)) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) {
    throw badParam(param, `Invalid '${param}': expected an integer of at least ${min}.`, typeof v === 'number' ? 'invalid_value' : 'invalid_type');
  }
  return v;
}

export function optionalString(v: unknown, param: string): string | undefined {
  if (isAbsent(v)) return undefined;
  if (typeof v !== 'string') throw badParam(param, `Invalid type for '${param}': expected a string.`, 'invalid_type');
  return v;
}

export function optionalBoolean(v: unknown, param: string): boolean | undefined {
  if (isAbsent(v)) return undefined;
  if (typeof v !== 'boolean') throw badParam(param, `Invalid type for '${param}': expected a boolean.`, 'invalid_type');
  return v;
}
