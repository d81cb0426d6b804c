import { DEFAULT_TARGET_WEIGHT, ROUTE_DEFAULTS } from './config-defaults.ts';
import type { ConfigIssue, ConfigPath } from './config-error.ts';
import type { ConfigFile } from './config-schema.ts';
import { formatConfigPath } from './format-config-path.ts';
import type { ConfigFileRoute } from './route-schema.ts';
import { isWildcardRoute, routeTargets, targetModelPath } from './route-targets.ts';
import { unknownProviderMessage } from './unknown-provider-message.ts';

type RouteObject = Exclude<ConfigFileRoute, string>;

function countStars(model: string): number {
  let count = 0;
  for (const char of model) if (char === '*') count++;
  return count;
}

function checkTargets(name: string, route: ConfigFileRoute, defined: string[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const wildcard = isWildcardRoute(name);
  for (const entry of routeTargets(name, route)) {
    if (!defined.includes(entry.provider)) {
      issues.push({ path: entry.settings === undefined ? entry.path : [...entry.path, 'provider'], message: unknownProviderMessage(entry.provider, defined) });
    }
    const stars = countStars(entry.model);
    if (stars > 0 && !wildcard) {
      issues.push({
        path: targetModelPath(entry),
        message: `"*" in a target model is only allowed in a wildcard route (a route name ending in "*", e.g. "openai/*"); "${name}" is an exact name`,
      });
    } else if (stars > 1) {
      issues.push({ path: targetModelPath(entry), message: 'a target model may contain "*" only once (it is replaced by the requested name after the route prefix)' });
    }
  }
  return issues;
}

function checkStrategy(name: string, route: RouteObject): ConfigIssue[] {
  if (route.strategy !== 'weighted') return [];
  const anyWeight = route.targets.some((target) => typeof target === 'string' || (target.weight ?? DEFAULT_TARGET_WEIGHT) > 0);
  if (anyWeight) return [];
  return [{ path: ['models', name, 'targets'], atKey: true, message: 'strategy weighted needs at least one target with weight above 0 (weight 0 means "only as a fallback")' }];
}

function checkRetry(name: string, route: RouteObject): ConfigIssue[] {
  const retry = route.retry;
  if (retry == null) return [];
  const initial = retry.backoff_initial_ms ?? ROUTE_DEFAULTS.retry.backoffInitialMs;
  const max = retry.backoff_max_ms ?? ROUTE_DEFAULTS.retry.backoffMaxMs;
  if (max >= initial) return [];
  const at = (key: string): ConfigPath => ['models', name, 'retry', key];
  if (retry.backoff_max_ms != null) return [{ path: at('backoff_max_ms'), message: `must be at least backoff_initial_ms (${initial})` }];
  return [{ path: at('backoff_initial_ms'), message: `must not exceed backoff_max_ms (${max}, the default); raise backoff_max_ms too` }];
}

function checkHedge(name: string, route: RouteObject): ConfigIssue[] {
  const hedge = route.hedge;
  if (hedge == null) return [];
  const at: ConfigPath = ['models', name, 'hedge'];
  const issues: ConfigIssue[] = [];
  if (route.targets.length < 2) {
    issues.push({ path: at, message: 'hedging needs at least 2 targets: it starts the next target while the first is still waiting for its first token' });
  }
  const maxAttempts = route.retry?.max_attempts ?? ROUTE_DEFAULTS.retry.maxAttempts;
  if (maxAttempts < 2) issues.push({ path: at, message: `hedging needs retry.max_attempts of at least 2 (a hedge is an attempt); it is ${maxAttempts}` });
  if (hedge.after_ms !== 'p95') {
    for (const key of ['min_ms', 'fallback_ms'] as const) {
      if (hedge[key] != null) issues.push({ path: [...at, key], atKey: true, message: `${key} is only used with after_ms: p95 (after_ms is a fixed delay here)` });
    }
  }
  return issues;
}

/**
 * Aliases are exact public names. Each must be unique across every route name and alias, so a
 * requested name always resolves to one route; a wildcard route has none, since `*` would have
 * no prefix to strip from an alias.
 */
function checkAliases(models: Record<string, ConfigFileRoute>): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const owners = new Map<string, ConfigPath>(Object.keys(models).map((name) => [name, ['models', name]]));
  for (const [name, route] of Object.entries(models)) {
    if (typeof route === 'string' || route.aliases == null) continue;
    if (isWildcardRoute(name) && route.aliases.length > 0) {
      issues.push({ path: ['models', name, 'aliases'], atKey: true, message: 'a wildcard route cannot have aliases; add an exact route for the extra name instead' });
      continue;
    }
    route.aliases.forEach((alias, index) => {
      const path: ConfigPath = ['models', name, 'aliases', index];
      const owner = owners.get(alias);
      if (owner === undefined) owners.set(alias, path);
      else if (owner.length === 2) issues.push({ path, message: `"${alias}" is already a route name (${formatConfigPath(owner)}); every name and alias must be unique` });
      else issues.push({ path, message: `"${alias}" is already an alias at ${formatConfigPath(owner)}; every name and alias must be unique` });
    });
  }
  return issues;
}

/** Rules between a route's fields and against the rest of the file: providers, wildcards, aliases, strategy, retry, hedge. */
export function checkRoutes(file: ConfigFile, defined: string[]): ConfigIssue[] {
  const models = file.models ?? {};
  const issues: ConfigIssue[] = [];
  for (const [name, route] of Object.entries(models)) {
    issues.push(...checkTargets(name, route, defined));
    if (typeof route === 'string') continue;
    issues.push(...checkStrategy(name, route), ...checkRetry(name, route), ...checkHedge(name, route));
  }
  return [...issues, ...checkAliases(models)];
}
