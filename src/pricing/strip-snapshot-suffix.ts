const DASH = 45;
const ZERO = 48;
const NINE = 57;

/**
 * The model id without a trailing date snapshot: `gpt-4o-2024-08-06` → `gpt-4o`,
 * `claude-sonnet-4-20250514` → `claude-sonnet-4`; undefined when there is no such suffix.
 *
 * Providers pin snapshots by appending a release date, and a snapshot costs the same as its alias
 * unless the catalog lists it separately. Matching is done on character codes so the per-request
 * lookup compiles no regex and allocates only the returned slice.
 */
export function stripSnapshotSuffix(model: string): string | undefined {
  const n = model.length;
  if (n > 11 && model.charCodeAt(n - 11) === DASH && model.charCodeAt(n - 6) === DASH && model.charCodeAt(n - 3) === DASH
    && isDate(model, n - 10, n - 5, n - 2)) {
    return model.slice(0, n - 11);
  }
  if (n > 9 && model.charCodeAt(n - 9) === DASH && isDate(model, n - 8, n - 4, n - 2)) {
    return model.slice(0, n - 9);
  }
  return undefined;
}

function isDate(text: string, yearAt: number, monthAt: number, dayAt: number): boolean {
  const year = digits(text, yearAt, 4);
  const month = digits(text, monthAt, 2);
  const day = digits(text, dayAt, 2);
  return year >= 2000 && year <= 2199 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const code = text.charCodeAt(i);
    if (code < ZERO || code > NINE) return -1;
    value = value * 10 + (code - ZERO);
  }
  return value;
}
