import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { propertyParams } from '../../test/property/property-settings.ts';
import type { ConfigResult } from './config-error.ts';
import { parseConfigText } from './parse-config-text.ts';
import { mutate } from '../../test/property/reshape-input.ts';

const EXAMPLE = readFileSync(new URL('../../switchyard.example.yaml', import.meta.url), 'utf8');
const ENV = { OPENAI_API_KEY: 'sk-test', ANTHROPIC_API_KEY: 'sk-ant-test' };
const noFiles = { readFile: () => { throw Object.assign(new Error('no such file'), { code: 'ENOENT' }); } };

/**
 * Parses and checks the loader's contract: it returns (never throws), and every error it reports
 * says what is wrong and where: a line in the file, or the config path it concerns.
 */
function load(text: string): ConfigResult {
  const result = parseConfigText(text, ENV, 'prop.yaml', noFiles);
  if (!result.ok) {
    assert.ok(result.errors.length > 0);
    for (const e of result.errors) {
      assert.ok(typeof e.message === 'string' && e.message.length > 0, 'an error without a message');
      assert.ok(e.line !== undefined || e.path !== '', `an error with no location: ${JSON.stringify(e)}`);
      assert.equal(e.source, 'prop.yaml');
    }
  }
  return result;
}

describe('config loader on arbitrary input', () => {
  it('the example config loads (the base the mutations start from)', () => {
    const r = load(EXAMPLE);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  });

  it('arbitrary text never throws; every error has a message and a location', () => {
    const yamlish = fc.string({ unit: fc.constantFrom('a', ':', ' ', '\n', '-', '[', ']', '{', '}', '"', "'", '&', '*', '!', '#', '|', '>', '\t', '$', '%', '@', '`', '?', ',', '1', 'é'), maxLength: 80 });
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 200 }), yamlish), (text) => {
      load(text);
    }), propertyParams(300));
  });

  it('arbitrary YAML documents (any JSON tree) never throw; every error has a message and a location', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 4 }), (tree) => {
      load(stringify(tree));
    }), propertyParams(300));
  });

  it('the example config with any value inside replaced by arbitrary YAML never throws; every error has a message and a location', () => {
    const base = parse(EXAMPLE) as unknown;
    const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('${UNSET}', '${OPENAI_API_KEY', '$${X}', 'http://user:pw@host/', -1, 1e300, '', '__proto__'));
    fc.assert(fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), value, (path, v) => {
      load(stringify(mutate(base, path, v)));
    }), propertyParams(300));
  });

  it('the example config with a key renamed at any depth never throws; every error has a message and a location', () => {
    const base = parse(EXAMPLE) as unknown;
    const rename = (node: unknown, path: number[], name: string): unknown => {
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
      const entries = Object.entries(node as Record<string, unknown>);
      if (entries.length === 0) return node;
      const i = path[0] % entries.length;
      const out: Record<string, unknown> = {};
      entries.forEach(([k, v], j) => {
        if (j !== i) out[k] = v;
        else if (path.length === 1) Object.defineProperty(out, name, { value: v, enumerable: true, writable: true, configurable: true });
        else out[k] = rename(v, path.slice(1), name);
      });
      return out;
    };
    fc.assert(fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'toString', '<<')), (path, name) => {
      load(stringify(rename(base, path, name)));
    }), propertyParams(300));
  });
});
