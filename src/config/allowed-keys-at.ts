import { z } from 'zod';
import type { ConfigPath } from './config-error.ts';

function expand(schema: z.core.$ZodType): z.core.$ZodType[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return expand(schema.unwrap());
  if (schema instanceof z.ZodPipe) return [...expand(schema.in), ...expand(schema.out)];
  if (schema instanceof z.ZodUnion) return schema.options.flatMap((option: z.core.$ZodType) => expand(option));
  return [schema];
}

/**
 * The keys a strict object accepts at `path`, found by walking the schema itself so
 * "unknown key" errors can list the allowed ones without a second, drifting copy of them.
 */
export function allowedKeysAt(root: z.core.$ZodType, path: ConfigPath): string[] {
  let candidates = expand(root);
  for (const segment of path) {
    const next: z.core.$ZodType[] = [];
    for (const schema of candidates) {
      if (schema instanceof z.ZodObject && typeof segment === 'string' && Object.hasOwn(schema.shape, segment)) {
        next.push(...expand(schema.shape[segment]));
      } else if (schema instanceof z.ZodRecord && typeof segment === 'string') {
        next.push(...expand(schema.valueType));
      } else if (schema instanceof z.ZodArray && typeof segment === 'number') {
        next.push(...expand(schema.element));
      }
    }
    candidates = next;
  }
  const object = candidates.find((schema) => schema instanceof z.ZodObject);
  return object instanceof z.ZodObject ? Object.keys(object.shape) : [];
}
