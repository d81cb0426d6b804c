import type { Config, ProviderType } from '../config/types.ts';
import { createPriceBook, type PriceBook } from '../pricing/price-book.ts';
import type { PriceCatalog } from '../pricing/price-catalog-types.ts';

/**
 * The catalog family each provider type is priced from. `openai-compatible` servers (vLLM, Ollama,
 * resellers) have no list price and are priced only by operator overrides; so is Bedrock, whose
 * prices differ from the model vendors' own and whose model ids carry vendor prefixes.
 */
const FAMILY: Record<ProviderType, string | undefined> = {
  openai: 'openai',
  'azure-openai': 'openai',
  'openai-compatible': undefined,
  anthropic: 'anthropic',
  gemini: 'google',
  vertex: 'google',
  bedrock: undefined,
  mistral: 'mistral',
  cohere: 'cohere',
};

export function priceBookForConfig(catalog: PriceCatalog, config: Config): PriceBook {
  const families: Record<string, string | undefined> = {};
  for (const p of Object.values(config.providers)) families[p.id] = FAMILY[p.type];
  return createPriceBook(catalog, config.pricing.overrides, families);
}
