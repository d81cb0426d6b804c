import type { ModelConfig, ModelTarget } from '../config/types.ts';
import type { PlannedTarget, ResolvedRoute } from './router-types.ts';

/**
 * Finds the route for a requested model name. Built once per config (re)load; `resolve` runs
 * on every request, so exact names and aliases are one map hit returning a prebuilt route, and
 * wildcard routes are a scan over prefixes sorted longest first with no regexes.
 */
export interface RouteTable {
  /**
   * Exact names first, then aliases, then wildcard routes (longest prefix wins; `*` alone matches
   * every name). A wildcard match needs a non-empty remainder after the prefix. Undefined when no
   * route serves the name.
   */
  resolve(name: string): ResolvedRoute | undefined;
  /** Every configured route, in config order (for `GET /v1/models`). */
  list(): ModelConfig[];
}

/** A wildcard target with its model split around the first `*`, so resolution only concatenates. */
interface WildcardTarget {
  target: ModelTarget;
  /** Undefined when the target's model has no `*` and is sent as written. */
  before?: string;
  after: string;
}

interface WildcardRoute {
  prefix: string;
  config: ModelConfig;
  targets: WildcardTarget[];
}

/**
 * @throws Error when two routes claim the same name or alias (config validation should have
 *   caught it; the gateway must not start with one route silently shadowing another), or when a
 *   wildcard route has aliases (they would have no remainder to substitute).
 */
export function buildRouteTable(models: Record<string, ModelConfig>): RouteTable {
  const configs = Object.values(models);
  const exact = new Map<string, ResolvedRoute>();
  const aliases = new Map<string, ResolvedRoute>();
  const wildcards: WildcardRoute[] = [];
  const owner = new Map<string, string>();

  const claim = (name: string, route: string): void => {
    const previous = owner.get(name);
    if (previous !== undefined) {
      throw new Error(`model name "${name}" is used by both "${previous}" and "${route}"; each name and alias must belong to one route`);
    }
    owner.set(name, route);
  };

  for (const config of configs) {
    claim(config.name, config.name);
    for (const alias of config.aliases) claim(alias, config.name);
    if (config.wildcard) {
      if (config.aliases.length > 0) throw new Error(`wildcard route "${config.name}" cannot have aliases`);
      wildcards.push({ prefix: config.name.slice(0, -1), config, targets: config.targets.map(splitWildcardTarget) });
      continue;
    }
    const targets = config.targets.map((t) => plannedTarget(t, t.model, config.name));
    exact.set(config.name, { requested: config.name, config, targets });
    for (const alias of config.aliases) aliases.set(alias, { requested: alias, config, targets });
  }
  wildcards.sort((a, b) => b.prefix.length - a.prefix.length);

  return {
    resolve(name: string): ResolvedRoute | undefined {
      const route = exact.get(name) ?? aliases.get(name);
      if (route !== undefined) return route;
      for (const wildcard of wildcards) {
        if (name.length > wildcard.prefix.length && name.startsWith(wildcard.prefix)) {
          return resolveWildcard(wildcard, name);
        }
      }
      return undefined;
    },
    list: () => configs,
  };
}

function resolveWildcard(wildcard: WildcardRoute, name: string): ResolvedRoute {
  const remainder = name.slice(wildcard.prefix.length);
  const targets: PlannedTarget[] = new Array(wildcard.targets.length);
  for (let i = 0; i < wildcard.targets.length; i++) {
    const { target, before, after } = wildcard.targets[i];
    const model = before === undefined ? target.model : before + remainder + after;
    targets[i] = plannedTarget(target, model, wildcard.config.name);
  }
  return { requested: name, config: wildcard.config, targets };
}

function splitWildcardTarget(target: ModelTarget): WildcardTarget {
  const star = target.model.indexOf('*');
  if (star < 0) return { target, after: '' };
  return { target, before: target.model.slice(0, star), after: target.model.slice(star + 1) };
}

function plannedTarget(target: ModelTarget, model: string, route: string): PlannedTarget {
  return { ...target, model, key: `${target.provider}/${model}`, route };
}
