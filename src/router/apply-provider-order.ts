import type { Exclusion } from './filter-targets.ts';
import type { PlannedTarget, ProviderPreferences } from './router-types.ts';

/**
 * Applies `provider.order` and `provider.allow_fallbacks` to targets already ordered by the
 * strategy. Targets of providers named in `order` come first, in that order (strategy order kept
 * within each provider), then the rest. With `allow_fallbacks: false` only the `order` providers'
 * targets stay, or, without `order`, only the first target. Dropped targets are appended to
 * `excluded`. Returns the input itself when nothing changes.
 */
export function applyProviderOrder(
  targets: PlannedTarget[],
  prefs: ProviderPreferences,
  excluded: Exclusion[],
): PlannedTarget[] {
  const order = prefs.order;
  if (order === undefined) {
    if (prefs.allowFallbacks || targets.length < 2) return targets;
    for (let i = 1; i < targets.length; i++) {
      const key = targets[i].key;
      excluded.push({ key, reason: `provider.allow_fallbacks is false, so only the first target (${targets[0].key}) is tried` });
    }
    return targets.slice(0, 1);
  }
  const out: PlannedTarget[] = [];
  for (let o = 0; o < order.length; o++) {
    const provider = order[o];
    if (order.indexOf(provider) !== o) continue;
    for (const target of targets) if (target.provider === provider) out.push(target);
  }
  for (const target of targets) {
    if (order.includes(target.provider)) continue;
    if (prefs.allowFallbacks) {
      out.push(target);
    } else {
      excluded.push({ key: target.key, reason: `provider "${target.provider}" is not in provider.order, and provider.allow_fallbacks is false` });
    }
  }
  return out;
}
