import type { ModelConfig } from '../config/types.ts';

/** A target key, `provider/model`, split at the first slash (the model part may hold slashes itself). */
export function splitTargetKey(key: string): { provider: string; model: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { provider: key, model: '' } : { provider: key.slice(0, slash), model: key.slice(slash + 1) };
}

/** A wildcard target (`model` holds `*`): its keys exist only once a request resolved the `*`. */
interface TargetPattern {
  provider: string;
  parts: string[];
  route: string;
}

/**
 * The targets a config names, for admin views and for dropping health state after a reload:
 * concrete keys with the routes using them, and wildcard target patterns.
 */
export class ConfiguredTargets {
  /** Concrete target keys in config order, each with the public route names that use it. */
  readonly concrete = new Map<string, string[]>();
  private readonly patterns: TargetPattern[] = [];

  constructor(models: Iterable<ModelConfig>) {
    for (const m of models) {
      for (const t of m.targets) {
        if (t.model.includes('*')) {
          this.patterns.push({ provider: t.provider, parts: t.model.split('*'), route: m.name });
          continue;
        }
        const key = `${t.provider}/${t.model}`;
        const routes = this.concrete.get(key);
        if (!routes) this.concrete.set(key, [m.name]);
        else if (!routes.includes(m.name)) routes.push(m.name);
      }
    }
  }

  /** The routes a key serves: by name for concrete targets, by pattern for wildcard ones; empty when no longer configured. */
  routesOf(key: string): string[] {
    const routes = [...(this.concrete.get(key) ?? [])];
    if (this.patterns.length === 0) return routes;
    const { provider, model } = splitTargetKey(key);
    for (const p of this.patterns) if (p.provider === provider && matchesParts(model, p.parts) && !routes.includes(p.route)) routes.push(p.route);
    return routes;
  }

  /** For `TargetHealth.retain`: true while some route still uses the key. */
  readonly has = (key: string): boolean => this.concrete.has(key) || this.routesOf(key).length > 0;
}

/** `parts` is a pattern split at `*`; each `*` matches one or more characters. */
function matchesParts(s: string, parts: string[]): boolean {
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (!s.startsWith(first)) return false;
  let at = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = s.indexOf(parts[i], at + 1);
    if (found < 0) return false;
    at = found + parts[i].length;
  }
  return s.length - last.length > at && s.endsWith(last);
}
