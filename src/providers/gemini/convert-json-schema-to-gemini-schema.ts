import type { GeminiSchema } from './gemini-wire-types.ts';

/**
 * Converts a JSON Schema (tool parameters, structured output) to the OpenAPI 3.0 subset Gemini accepts
 * in `parameters` / `responseSchema` (https://ai.google.dev/api/caching#Schema):
 * - kept: type, format (only date-time/enum on strings, int32/int64/float/double on numbers), title,
 *   description, nullable, enum (strings only), properties, required (existing properties only), items,
 *   min/maxItems, min/maxLength, pattern, minimum, maximum, min/maxProperties, anyOf, default, example,
 *   propertyOrdering;
 * - rewritten: `type: [x, 'null']` → `type: x, nullable: true`; a null member of anyOf/oneOf → `nullable`;
 *   `oneOf` → `anyOf`; `const` → a one-value `enum`; a single-member `allOf` is merged in; `examples[0]` → `example`;
 *   local `$ref`s (`#/$defs/…`, `#/definitions/…`) are inlined (to a depth of 8; deeper recursion becomes `{}`);
 * - dropped: `$schema`, `$id`, `$defs`, `additionalProperties`, `patternProperties`, `not`, `if/then/else`,
 *   `exclusiveMinimum/Maximum`, `multipleOf`, `uniqueItems`, `contains`, `prefixItems` and anything else unknown,
 *   and the `type` of an object with no properties (Gemini rejects an OBJECT with empty `properties`).
 * Returns undefined for an object schema with no properties (Gemini wants `parameters` absent then).
 */
export function convertJsonSchemaToGeminiSchema(schema: unknown): GeminiSchema | undefined {
  if (!isObject(schema)) return undefined;
  if (isEmptyObjectSchema(schema)) return undefined;
  const defs = { ...asObject(schema.definitions), ...asObject(schema.$defs) };
  return convert(schema, defs, 0);
}

const MAX_DEPTH = 8;
const STRING_FORMATS: ReadonlySet<string> = new Set(['date-time', 'enum']);
const NUMBER_FORMATS: ReadonlySet<string> = new Set(['int32', 'int64', 'float', 'double']);
const COPIED_NUMBERS = ['minItems', 'maxItems', 'minLength', 'maxLength', 'minimum', 'maximum', 'minProperties', 'maxProperties'] as const;

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function asObject(v: unknown): Json {
  return isObject(v) ? v : {};
}

function isEmptyObjectSchema(s: Json): boolean {
  return s.type === 'object' && (!isObject(s.properties) || Object.keys(s.properties).length === 0) && s.$ref === undefined;
}

function isNullSchema(s: unknown): boolean {
  return isObject(s) && s.type === 'null';
}

function resolveRef(ref: string, defs: Json): Json | undefined {
  const name = ref.startsWith('#/$defs/') ? ref.slice(8) : ref.startsWith('#/definitions/') ? ref.slice(14) : undefined;
  return name !== undefined && isObject(defs[name]) ? (defs[name] as Json) : undefined;
}

function convert(input: Json, defs: Json, depth: number): GeminiSchema {
  if (depth > MAX_DEPTH) return {};
  let s = input;
  if (typeof s.$ref === 'string') {
    const target = resolveRef(s.$ref, defs);
    if (target === undefined) return {};
    const { $ref: _ref, ...siblings } = s;
    s = { ...target, ...siblings };
  }
  if (Array.isArray(s.allOf) && s.allOf.length === 1 && isObject(s.allOf[0])) {
    const { allOf: _allOf, ...rest } = s;
    s = { ...(s.allOf[0] as Json), ...rest };
  }
  const out: GeminiSchema = {};
  const type = convertType(s.type, out);
  if (s.nullable === true) out.nullable = true;
  if (typeof s.title === 'string') out.title = s.title;
  if (typeof s.description === 'string') out.description = s.description;
  if (typeof s.format === 'string' && formatAllowed(type, s.format)) out.format = s.format;
  if (s.const !== undefined) {
    if (typeof s.const === 'string') out.enum = [s.const];
  } else if (Array.isArray(s.enum) && s.enum.length > 0 && s.enum.every((v) => typeof v === 'string')) {
    out.enum = s.enum;
  }
  for (const key of COPIED_NUMBERS) if (typeof s[key] === 'number') out[key] = s[key];
  if (typeof s.pattern === 'string') out.pattern = s.pattern;
  if (s.default !== undefined) out.default = s.default;
  if (s.example !== undefined) out.example = s.example;
  else if (Array.isArray(s.examples) && s.examples.length > 0) out.example = s.examples[0];
  if (isObject(s.properties)) {
    const props: Record<string, GeminiSchema> = {};
    for (const [name, prop] of Object.entries(s.properties)) props[name] = isObject(prop) ? convert(prop, defs, depth + 1) : {};
    if (Object.keys(props).length > 0) {
      out.properties = props;
      if (Array.isArray(s.required)) {
        const required = s.required.filter((r): r is string => typeof r === 'string' && r in props);
        if (required.length > 0) out.required = required;
      }
      if (Array.isArray(s.propertyOrdering)) out.propertyOrdering = s.propertyOrdering;
    } else if (out.type === 'object') {
      delete out.type;
    }
  } else if (out.type === 'object') {
    delete out.type;
  }
  if (isObject(s.items)) out.items = convert(s.items, defs, depth + 1);
  const union = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined;
  if (union !== undefined) convertUnion(union, out, defs, depth);
  return out;
}

/** Sets `type` (and `nullable`) on `out`; returns the non-null type name. */
function convertType(type: unknown, out: GeminiSchema): string | undefined {
  if (typeof type === 'string') {
    out.type = type;
    return type;
  }
  if (!Array.isArray(type)) return undefined;
  const named = type.filter((t): t is string => typeof t === 'string');
  const nonNull = named.filter((t) => t !== 'null');
  if (nonNull.length < named.length) out.nullable = true;
  if (nonNull.length === 1) {
    out.type = nonNull[0];
    return nonNull[0];
  }
  if (nonNull.length > 1) out.anyOf = nonNull.map((t) => ({ type: t }));
  return undefined;
}

function formatAllowed(type: string | undefined, format: string): boolean {
  if (type === 'string') return STRING_FORMATS.has(format);
  return (type === 'number' || type === 'integer') && NUMBER_FORMATS.has(format);
}

function convertUnion(members: unknown[], out: GeminiSchema, defs: Json, depth: number): void {
  const nonNull = members.filter((m) => isObject(m) && !isNullSchema(m)) as Json[];
  if (nonNull.length < members.length) out.nullable = true;
  if (nonNull.length === 1 && out.type === undefined) {
    Object.assign(out, { ...convert(nonNull[0], defs, depth + 1), ...out });
    return;
  }
  if (nonNull.length > 0) out.anyOf = nonNull.map((m) => convert(m, defs, depth + 1));
}
