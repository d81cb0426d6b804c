import { formatMicrosAsUsd } from '../money/format-micros.ts';
import type { PriceBook } from '../pricing/price-book.ts';
import type { PlannedTarget, ProviderPreferences } from './router-types.ts';

/** A target the request's preferences ruled out, and why in words a client can act on. */
export interface Exclusion {
  key: string;
  /** Why, to follow the key in a message: `openai/gpt-4o: ignored by provider.ignore`. */
  reason: string;
}

/**
 * Drops the targets `provider.only`, `ignore`, `data_collection`, `zdr` and `max_price` rule
 * out, appending one exclusion per dropped target (the first rule it fails). Returns the input
 * itself when nothing is dropped.
 */
export function filterByPreferences(
  targets: PlannedTarget[],
  prefs: ProviderPreferences,
  prices: PriceBook,
  now: Date,
  excluded: Exclusion[],
): PlannedTarget[] {
  let kept: PlannedTarget[] | undefined;
  for (let i = 0; i < targets.length; i++) {
    const target = targets[i];
    const why = exclusionReason(target, prefs, prices, now);
    if (why === undefined) {
      kept?.push(target);
      continue;
    }
    kept ??= targets.slice(0, i);
    excluded.push({ key: target.key, reason: why });
  }
  return kept ?? targets;
}

function exclusionReason(target: PlannedTarget, prefs: ProviderPreferences, prices: PriceBook, now: Date): string | undefined {
  const provider = target.provider;
  if (prefs.only !== undefined && !prefs.only.includes(provider)) return `provider "${provider}" is not in provider.only`;
  if (prefs.ignore?.includes(provider)) return 'ignored by provider.ignore';
  if (prefs.dataCollection === 'deny' && target.dataPolicy.dataCollection !== 'deny') {
    return 'its data policy allows data collection, and provider.data_collection is deny';
  }
  if (prefs.zdr && !target.dataPolicy.zdr) return 'not a zero-data-retention target, and provider.zdr is true';
  const limits = prefs.maxPrice;
  if (limits === undefined) return undefined;
  const price = prices.lookup(provider, target.model, now);
  if (price === undefined) return 'has no known price, and provider.max_price needs one';
  if (limits.promptMicrosPerMTok !== undefined && price.inputPerMTok > limits.promptMicrosPerMTok) {
    return `prompt price ${usd(price.inputPerMTok)} per million tokens is above provider.max_price.prompt (${usd(limits.promptMicrosPerMTok)})`;
  }
  if (limits.completionMicrosPerMTok !== undefined && price.outputPerMTok > limits.completionMicrosPerMTok) {
    return `completion price ${usd(price.outputPerMTok)} per million tokens is above provider.max_price.completion (${usd(limits.completionMicrosPerMTok)})`;
  }
  return undefined;
}

/** `$2.50`, `$0.075`: exact, without the trailing zeros of the six-decimal form. */
function usd(micros: number): string {
  const text = formatMicrosAsUsd(micros);
  let end = text.length;
  while (end > text.length - 4 && text[end - 1] === '0') end--;
  return `$${text.slice(0, end)}`;
}
