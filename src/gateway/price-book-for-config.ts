import type { Config } from '../config/types.ts';
import { createPriceBook, type PriceBook } from '../pricing/price-book.ts';
import type { PriceCatalog } from '../pricing/price-catalog-types.ts';

/**
 * The catalog family each configured provider is priced from: `openai` providers use OpenAI's list
 * prices; `openai-compatible` servers (vLLM, Ollama, resellers) have no list price and are priced
 * only by operator overrides.
 */
export function priceBookForConfig(catalog: PriceCatalog, config: Config): PriceBook {
  const families: Record<string, string | undefined> = {};
  for (const p of Object.values(config.providers)) families[p.id] = p.type === 'openai' ? 'openai' : undefined;
  return createPriceBook(catalog, config.pricing.overrides, families);
}
