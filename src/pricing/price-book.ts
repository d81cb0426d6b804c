import type { PriceOverride } from '../config/types.ts';
import { parseUsdDecimal } from '../money/parse-usd-decimal.ts';
import type { ModelPrice } from './model-price.ts';
import type { CatalogPrice, PriceCatalog } from './price-catalog-types.ts';
import { stripSnapshotSuffix } from './strip-snapshot-suffix.ts';

/**
 * Answers "what did this model cost on this provider at this moment?" from memory, on the hot
 * path of every metered request. Built once per config (re)load by `createPriceBook`; every
 * lookup is a few map hits plus a walk over the requested model's own price history (one or
 * two entries), with no allocation except a snapshot-suffix slice on a miss.
 */
export interface PriceBook {
  /** Version of the catalog the book was built from. */
  readonly catalogVersion: string;
  /**
   * The price in force at `at`, or undefined when the model is unpriced. Order: override for
   * (providerId, model) → override for model on any provider → catalog (family, model) →
   * catalog (family, model without a trailing date snapshot such as `-2024-08-06` or
   * `-20250514`). A model listed in the catalog under its exact id is priced only by that
   * history; the snapshot fallback applies only to ids the catalog does not list.
   */
  lookup(providerId: string, model: string, at: Date): ModelPrice | undefined;
}

interface DatedPrice {
  fromMs: number;
  price: ModelPrice;
}

/**
 * @param providerFamilies configured provider id → catalog family (`openai`, `anthropic`, …);
 *   undefined for providers with no list price (openai-compatible servers), which are priced
 *   only by overrides.
 * @throws Error when an override holds an invalid decimal or two overrides target the same
 *   (provider, model).
 */
export function createPriceBook(
  catalog: PriceCatalog,
  overrides: readonly PriceOverride[],
  providerFamilies: Readonly<Record<string, string | undefined>>,
): PriceBook {
  const overridesByProvider = new Map<string, Map<string, ModelPrice>>();
  const overridesAnyProvider = new Map<string, ModelPrice>();
  overrides.forEach((override, index) => {
    const price = overridePrice(override, index);
    const target = override.provider === undefined ? overridesAnyProvider : mapFor(overridesByProvider, override.provider);
    if (target.has(override.model)) {
      throw new Error(`${describeOverride(override, index)}: duplicate price override for the same provider and model`);
    }
    target.set(override.model, price);
  });

  const catalogByFamily = buildCatalogIndex(catalog);
  const familyOf = new Map<string, string>();
  for (const [providerId, family] of Object.entries(providerFamilies)) {
    if (family !== undefined) familyOf.set(providerId, family);
  }

  return {
    catalogVersion: catalog.version,
    lookup(providerId: string, model: string, at: Date): ModelPrice | undefined {
      const override = overridesByProvider.get(providerId)?.get(model) ?? overridesAnyProvider.get(model);
      if (override !== undefined) return override;
      const family = familyOf.get(providerId);
      if (family === undefined) return undefined;
      const models = catalogByFamily.get(family);
      if (models === undefined) return undefined;
      let history = models.get(model);
      if (history === undefined) {
        const base = stripSnapshotSuffix(model);
        if (base === undefined) return undefined;
        history = models.get(base);
        if (history === undefined) return undefined;
      }
      return priceAt(history, at.getTime());
    },
  };
}

function priceAt(history: readonly DatedPrice[], atMs: number): ModelPrice | undefined {
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i].fromMs <= atMs) return history[i].price;
  }
  return undefined;
}

function buildCatalogIndex(catalog: PriceCatalog): Map<string, Map<string, DatedPrice[]>> {
  const index = new Map<string, Map<string, DatedPrice[]>>();
  for (const entry of catalog.prices) {
    const models = mapFor(index, entry.provider);
    let history = models.get(entry.model);
    if (history === undefined) {
      history = [];
      models.set(entry.model, history);
    }
    history.push({ fromMs: startOfDayUtc(entry.effectiveFrom), price: catalogPrice(entry, catalog.version) });
  }
  for (const models of index.values()) {
    for (const history of models.values()) history.sort((a, b) => a.fromMs - b.fromMs);
  }
  return index;
}

function catalogPrice(entry: CatalogPrice, version: string): ModelPrice {
  return Object.freeze({
    inputPerMTok: entry.inputPerMTok,
    outputPerMTok: entry.outputPerMTok,
    cacheReadPerMTok: entry.cacheReadPerMTok ?? entry.inputPerMTok,
    cacheWritePerMTok: entry.cacheWritePerMTok ?? entry.inputPerMTok,
    reasoningPerMTok: entry.reasoningPerMTok ?? entry.outputPerMTok,
    source: 'catalog',
    effectiveFrom: entry.effectiveFrom,
    catalogVersion: version,
  });
}

function overridePrice(override: PriceOverride, index: number): ModelPrice {
  const read = (value: string, field: string): number => {
    try {
      return parseUsdDecimal(value);
    } catch (error) {
      throw new Error(`${describeOverride(override, index)}.${field}: ${(error as Error).message}`, { cause: error });
    }
  };
  const inputPerMTok = read(override.inputPerMTok, 'input_per_mtok');
  const outputPerMTok = read(override.outputPerMTok, 'output_per_mtok');
  return Object.freeze({
    inputPerMTok,
    outputPerMTok,
    cacheReadPerMTok: override.cacheReadPerMTok === undefined ? inputPerMTok : read(override.cacheReadPerMTok, 'cache_read_per_mtok'),
    cacheWritePerMTok: override.cacheWritePerMTok === undefined ? inputPerMTok : read(override.cacheWritePerMTok, 'cache_write_per_mtok'),
    reasoningPerMTok: override.reasoningPerMTok === undefined ? outputPerMTok : read(override.reasoningPerMTok, 'reasoning_per_mtok'),
    source: 'override',
    effectiveFrom: null,
    catalogVersion: null,
  });
}

function describeOverride(override: PriceOverride, index: number): string {
  return `pricing.overrides[${index}] (${override.provider ?? '*'}/${override.model})`;
}

function mapFor<V>(index: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let inner = index.get(key);
  if (inner === undefined) {
    inner = new Map();
    index.set(key, inner);
  }
  return inner;
}

function startOfDayUtc(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year, month - 1, day);
}
