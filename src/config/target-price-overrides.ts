import type { ConfigIssue, ConfigPath } from './config-error.ts';
import type { ConfigFile } from './config-schema.ts';
import { formatConfigPath } from './format-config-path.ts';
import { routeTargets } from './route-targets.ts';
import type { PriceOverride } from './types.ts';

/** Target prices turned into price overrides, and the conflicts that prevent it. */
export interface TargetPriceResult {
  /** One per priced (provider, model) not already priced identically by `pricing.overrides`, in file order. */
  overrides: PriceOverride[];
  issues: ConfigIssue[];
}

interface Priced {
  input: string;
  output: string;
  /** Where this price was written, for conflict messages. */
  at: string;
}

/** `2.50` and `2.5` are the same price; compared as written digits, never as floats. */
function canonicalDecimal(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

function samePrice(a: Priced, b: Priced): boolean {
  return canonicalDecimal(a.input) === canonicalDecimal(b.input) && canonicalDecimal(a.output) === canonicalDecimal(b.output);
}

function keyOf(provider: string, model: string): string {
  return `${provider}\u0000${model}`;
}

/**
 * A target's `price` prices that provider and model everywhere (metering bills with it, the cost
 * strategy ranks by it), so it becomes a provider-specific price override. One (provider, model)
 * has one price: a different price in `pricing.overrides` or on another target is an error, an
 * identical one is simply not repeated. An override without `provider` is a fallback for any
 * provider and does not conflict. A wildcard target (`*` in its model) names no single model and
 * cannot carry a price.
 */
export function collectTargetPrices(file: ConfigFile): TargetPriceResult {
  const known = new Map<string, Priced>();
  (file.pricing?.overrides ?? []).forEach((override, index) => {
    if (override.provider == null) return;
    const at = formatConfigPath(['pricing', 'overrides', index]);
    known.set(keyOf(override.provider, override.model), { input: override.input_per_mtok, output: override.output_per_mtok, at });
  });
  const result: TargetPriceResult = { overrides: [], issues: [] };
  for (const [name, route] of Object.entries(file.models ?? {})) {
    for (const entry of routeTargets(name, route)) {
      const price = entry.settings?.price;
      if (price == null) continue;
      const path: ConfigPath = [...entry.path, 'price'];
      if (entry.model.includes('*')) {
        result.issues.push({ path, message: 'a wildcard target ("*" in its model) stands for many models and cannot have a price; price them under pricing.overrides' });
        continue;
      }
      const priced: Priced = { input: price.input_per_mtok, output: price.output_per_mtok, at: formatConfigPath(path) };
      const key = keyOf(entry.provider, entry.model);
      const earlier = known.get(key);
      if (earlier === undefined) {
        known.set(key, priced);
        result.overrides.push({ provider: entry.provider, model: entry.model, inputPerMTok: priced.input, outputPerMTok: priced.output });
      } else if (!samePrice(earlier, priced)) {
        result.issues.push({
          path,
          message: `conflicts with the price for provider "${entry.provider}" model "${entry.model}" at ${earlier.at} (input ${earlier.input}, output ${earlier.output}); one provider and model has one price, so remove one or make them equal`,
        });
      }
    }
  }
  return result;
}
