import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { convertJsonSchemaToGeminiSchema } from './convert-json-schema-to-gemini-schema.ts';

describe('convertJsonSchemaToGeminiSchema', () => {
  it('keeps the supported subset and drops unsupported keywords', () => {
    const out = convertJsonSchemaToGeminiSchema({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      additionalProperties: false,
      properties: {
        city: { type: 'string', description: 'City name', minLength: 1, maxLength: 80, pattern: '^[A-Z]', format: 'hostname' },
        when: { type: 'string', format: 'date-time' },
        days: { type: 'integer', minimum: 1, maximum: 14, exclusiveMaximum: 15, multipleOf: 1, format: 'int32' },
        unit: { type: 'string', enum: ['c', 'f'], default: 'c' },
        tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3, uniqueItems: true },
      },
      required: ['city', 'ghost'],
    });
    assert.deepEqual(out, {
      type: 'object',
      properties: {
        city: { type: 'string', description: 'City name', minLength: 1, maxLength: 80, pattern: '^[A-Z]' },
        when: { type: 'string', format: 'date-time' },
        days: { type: 'integer', format: 'int32', minimum: 1, maximum: 14 },
        unit: { type: 'string', enum: ['c', 'f'], default: 'c' },
        tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3 },
      },
      required: ['city'],
    });
  });

  it('returns undefined for an object schema without properties', () => {
    assert.equal(convertJsonSchemaToGeminiSchema({ type: 'object', properties: {} }), undefined);
    assert.equal(convertJsonSchemaToGeminiSchema({ type: 'object', additionalProperties: true }), undefined);
    assert.equal(convertJsonSchemaToGeminiSchema(undefined), undefined);
  });

  it('turns null unions into nullable and oneOf into anyOf', () => {
    const out = convertJsonSchemaToGeminiSchema({
      type: 'object',
      properties: {
        a: { type: ['string', 'null'] },
        b: { anyOf: [{ type: 'number' }, { type: 'null' }], description: 'outer' },
        c: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
        d: { type: ['string', 'integer'] },
      },
    });
    assert.deepEqual(out?.properties, {
      a: { type: 'string', nullable: true },
      b: { type: 'number', description: 'outer', nullable: true },
      c: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
      d: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
    });
  });

  it('inlines local $refs, maps const and examples, and drops free-form object types', () => {
    const out = convertJsonSchemaToGeminiSchema({
      type: 'object',
      $defs: { Point: { type: 'object', properties: { x: { type: 'number' } }, required: ['x'] } },
      properties: {
        at: { $ref: '#/$defs/Point', description: 'where' },
        kind: { const: 'point' },
        level: { type: 'integer', enum: [1, 2] },
        meta: { type: 'object', description: 'anything', additionalProperties: true },
        note: { type: 'string', examples: ['hi', 'there'] },
        both: { allOf: [{ type: 'string' }], title: 'T' },
        missing: { $ref: '#/$defs/Nope' },
      },
    });
    assert.deepEqual(out?.properties, {
      at: { type: 'object', description: 'where', properties: { x: { type: 'number' } }, required: ['x'] },
      kind: { enum: ['point'] },
      level: { type: 'integer' },
      meta: { description: 'anything' },
      note: { type: 'string', example: 'hi' },
      both: { type: 'string', title: 'T' },
      missing: {},
    });
  });

  it('stops inlining a recursive $ref at a bounded depth', () => {
    const out = convertJsonSchemaToGeminiSchema({
      type: 'object',
      definitions: { Node: { type: 'object', properties: { next: { $ref: '#/definitions/Node' } } } },
      properties: { head: { $ref: '#/definitions/Node' } },
    });
    let depth = 0;
    let node = out?.properties as Record<string, Record<string, unknown>> | undefined;
    let cur: Record<string, unknown> | undefined = node?.head;
    while (cur !== undefined && cur.properties !== undefined) {
      depth++;
      node = cur.properties as Record<string, Record<string, unknown>>;
      cur = node.next;
    }
    assert.ok(depth >= 3 && depth <= 9, `depth ${depth}`);
  });

  it('is idempotent on its own output', () => {
    const input = { type: 'object', properties: { a: { type: ['string', 'null'], enum: ['x'] }, b: { type: 'array', items: { type: 'integer' } } }, required: ['a'] };
    const once = convertJsonSchemaToGeminiSchema(input);
    assert.deepEqual(convertJsonSchemaToGeminiSchema(once), once);
  });
});
