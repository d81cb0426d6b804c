import type { ModelConfig } from '../config/types.ts';
import { buildRouteTable } from '../router/route-table.ts';

/**
 * The names in a key's `models` allow-list that no route serves. A key may list a route name, an
 * alias, or a concrete name a wildcard route serves (`openai/gpt-4o` under `openai/*`), exactly as
 * the data plane honours them, so each name is resolved the way a request's `model` is.
 */
export function unknownModelNames(models: Iterable<ModelConfig>, names: readonly string[]): string[] {
  const routes = buildRouteTable(Object.fromEntries(Array.from(models, (m) => [m.name, m])));
  return names.filter((name) => routes.resolve(name) === undefined);
}
