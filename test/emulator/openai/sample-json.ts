import { wordAt } from '../text-generator.ts';

const MAX_DEPTH = 4;

/**
 * A small deterministic value that satisfies the common parts of a JSON Schema (type,
 * properties, enum, const, items), so tool arguments and `json_schema` content parse and
 * look plausible. `variant` shifts string values so parallel tool calls differ.
 */
export function sampleFromSchema(schema: unknown, variant = 0, depth = 0): unknown {
  if (schema === null || typeof schema !== 'object' || depth > MAX_DEPTH) return {};
  const s = schema as Record<string, unknown>;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[variant % s.enum.length];
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      return wordAt(variant);
    case 'integer':
    case 'number':
      return variant + 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return s.items === undefined ? [] : [sampleFromSchema(s.items, variant, depth + 1)];
    default:
      return sampleObject(s, variant, depth);
  }
}

function sampleObject(schema: Record<string, unknown>, variant: number, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const properties = schema.properties;
  if (properties === null || typeof properties !== 'object') return out;
  let k = 0;
  for (const [name, prop] of Object.entries(properties as Record<string, unknown>)) {
    out[name] = sampleFromSchema(prop, variant + k, depth + 1);
    k++;
  }
  return out;
}
