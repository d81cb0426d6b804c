import { isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter } from 'yaml';
import type { ConfigPath } from './config-error.ts';
import { redactSourceLine } from './redact-source-line.ts';

/** Where a problem sits in the source text; all fields absent when it cannot be placed. */
export interface SourceLocation {
  line?: number;
  column?: number;
  excerpt?: string;
}

type Ranged = { range?: [number, number, number] | null } | null | undefined;

/** The text of a 1-based line, without its line break. */
export function sourceLine(text: string, lineCounter: LineCounter, line: number): string | undefined {
  const start = lineCounter.lineStarts[line - 1];
  if (start === undefined) return undefined;
  const end = lineCounter.lineStarts[line] ?? text.length;
  return text.slice(start, end).replace(/\r?\n$/, '');
}

/** Location of a byte offset, with the redacted source line as excerpt. */
export function locateOffset(text: string, lineCounter: LineCounter, offset: number): SourceLocation {
  const { line, col } = lineCounter.linePos(offset);
  const excerpt = sourceLine(text, lineCounter, line);
  return excerpt === undefined ? { line, column: col } : { line, column: col, excerpt: redactSourceLine(excerpt) };
}

/**
 * Finds the YAML node a config path refers to. `atKey` points at the mapping key (unknown
 * keys); a path that does not exist in the text (a missing required key) falls back to the
 * deepest node that does, preferring the key that introduced it.
 */
export function locatePath(doc: Document, lineCounter: LineCounter, text: string, path: ConfigPath, atKey = false): SourceLocation {
  let node: unknown = doc.contents;
  let key: Ranged;
  let found = true;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node) && typeof segment === 'string') {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
      if (pair === undefined) {
        found = false;
        break;
      }
      key = pair.key as Ranged;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
      key = undefined;
      node = node.items[segment];
    } else {
      found = false;
      break;
    }
  }
  const target = (found && !atKey) || key == null ? ((node as Ranged) ?? key) : key;
  const offset = target?.range?.[0];
  return offset === undefined ? {} : locateOffset(text, lineCounter, offset);
}
