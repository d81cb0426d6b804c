import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseUsdDecimal } from '../money/parse-usd-decimal.ts';
import type { CatalogPrice, PriceCatalog } from './price-catalog-types.ts';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const FAMILY_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;
const MAX_ISSUES_SHOWN = 20;

/** Raised when a catalog file is unreadable or any entry is invalid; the message names every bad entry. */
export class PriceCatalogError extends Error {
  override name = 'PriceCatalogError';
}

const calendarDate = z.string().refine(isCalendarDate, 'must be a real calendar date written YYYY-MM-DD');

const decimalPrice = z.string('must be a decimal string such as "0.15" (strings keep prices exact)').transform((value, ctx) => {
  try {
    return parseUsdDecimal(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message, input: value });
    return z.NEVER;
  }
});

const httpsUrl = z.string().refine((value) => value.startsWith('https://') && URL.canParse(value), 'must be an https:// URL');

const entrySchema = z.strictObject({
  provider: z.string().regex(FAMILY_PATTERN, 'must be a lowercase catalog family such as "openai"'),
  model: z.string().min(1, 'must not be empty').max(128),
  effective_from: calendarDate,
  input: decimalPrice,
  output: decimalPrice,
  cache_read: decimalPrice.optional(),
  cache_write: decimalPrice.optional(),
  reasoning: decimalPrice.optional(),
  source: httpsUrl,
});

const catalogSchema = z.strictObject({
  version: calendarDate,
  currency: z.literal('USD'),
  unit: z.literal('USD per 1M tokens'),
  prices: z.array(entrySchema).min(1, 'must list at least one price'),
});

/** Where the catalog shipped with this release lives. */
export function shippedPriceCatalogUrl(): URL {
  return new URL('./price-catalog.json', import.meta.url);
}

/** Reads and validates a catalog file (the shipped one by default). */
export async function loadPriceCatalog(location: URL | string = shippedPriceCatalogUrl()): Promise<PriceCatalog> {
  const label = String(location);
  let text: string;
  try {
    text = await readFile(location, 'utf8');
  } catch (error) {
    throw new PriceCatalogError(`cannot read price catalog ${label}: ${(error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PriceCatalogError(`price catalog ${label} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  return parsePriceCatalog(json, label);
}

/**
 * Validates catalog JSON and converts every decimal price to integer micro-USD per million
 * tokens. Any bad entry, or two entries for the same (provider, model, effective_from), fails
 * the whole catalog with an error naming each offending entry: a half-loaded price list would
 * bill some models and silently leave others unpriced.
 */
export function parsePriceCatalog(json: unknown, label = 'price catalog'): PriceCatalog {
  const result = catalogSchema.safeParse(json);
  if (!result.success) {
    const lines = result.error.issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => `  ${describePath(json, issue.path)}: ${issue.message}`);
    const more = result.error.issues.length > MAX_ISSUES_SHOWN ? `\n  … and ${result.error.issues.length - MAX_ISSUES_SHOWN} more` : '';
    throw new PriceCatalogError(`${label} is invalid:\n${lines.join('\n')}${more}`);
  }
  const prices = result.data.prices.map(toCatalogPrice);
  const duplicates = findDuplicates(prices);
  if (duplicates.length > 0) {
    throw new PriceCatalogError(`${label} is invalid:\n${duplicates.map((line) => `  ${line}`).join('\n')}`);
  }
  return { version: result.data.version, currency: 'USD', prices };
}

function toCatalogPrice(entry: z.output<typeof entrySchema>): CatalogPrice {
  const price: CatalogPrice = {
    provider: entry.provider,
    model: entry.model,
    effectiveFrom: entry.effective_from,
    inputPerMTok: entry.input,
    outputPerMTok: entry.output,
    source: entry.source,
  };
  if (entry.cache_read !== undefined) price.cacheReadPerMTok = entry.cache_read;
  if (entry.cache_write !== undefined) price.cacheWritePerMTok = entry.cache_write;
  if (entry.reasoning !== undefined) price.reasoningPerMTok = entry.reasoning;
  return price;
}

function findDuplicates(prices: readonly CatalogPrice[]): string[] {
  const firstIndex = new Map<string, number>();
  const problems: string[] = [];
  prices.forEach((price, index) => {
    const key = `${price.provider}\u0000${price.model}\u0000${price.effectiveFrom}`;
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, index);
    else problems.push(`prices[${index}] (${entryName(price.provider, price.model, price.effectiveFrom)}): duplicates prices[${first}]`);
  });
  return problems;
}

function describePath(json: unknown, path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(catalog)';
  if (path[0] === 'prices' && typeof path[1] === 'number') {
    const rest = path.slice(2).map(String).join('.');
    return `prices[${path[1]}] (${describeEntry(json, path[1])})${rest === '' ? '' : `.${rest}`}`;
  }
  return path.map(String).join('.');
}

function describeEntry(json: unknown, index: number): string {
  const prices = (json as { prices?: unknown } | null)?.prices;
  const entry = Array.isArray(prices) ? (prices[index] as Record<string, unknown> | null | undefined) : undefined;
  if (entry === null || typeof entry !== 'object') return 'not an object';
  return entryName(entry.provider, entry.model, entry.effective_from);
}

function entryName(provider: unknown, model: unknown, effectiveFrom: unknown): string {
  return `${String(provider ?? '?')}/${String(model ?? '?')} from ${String(effectiveFrom ?? '?')}`;
}

function isCalendarDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
