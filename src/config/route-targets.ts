import type { ConfigPath } from './config-error.ts';
import type { ConfigFileRoute, ConfigFileTargetObject } from './route-schema.ts';
import { splitTarget } from './split-target.ts';
import type { TargetRef } from './split-target.ts';

/** One target of a route as written, with where it sits in the file. */
export interface RouteTargetEntry extends TargetRef {
  /** Position in the route's target list (0 for a shorthand route). */
  index: number;
  /** The target's node: `models.<name>` for a shorthand route, else `models.<name>.targets[i]`. */
  path: ConfigPath;
  /** The object form's settings; absent for `provider/model` shorthand. */
  settings?: ConfigFileTargetObject;
}

/** A route's targets in order, each with its path, whichever form the route and its targets use. */
export function routeTargets(name: string, route: ConfigFileRoute): RouteTargetEntry[] {
  if (typeof route === 'string') return [{ ...splitTarget(route), index: 0, path: ['models', name] }];
  return route.targets.map((target, index) => {
    const entry: RouteTargetEntry = { ...splitTarget(target), index, path: ['models', name, 'targets', index] };
    if (typeof target !== 'string') entry.settings = target;
    return entry;
  });
}

/** Where a target's upstream model is written: the shorthand string itself, or its `model` key. */
export function targetModelPath(entry: RouteTargetEntry): ConfigPath {
  return entry.settings === undefined ? entry.path : [...entry.path, 'model'];
}

/** True for a route key ending in `*`: it matches every requested name with that prefix. */
export function isWildcardRoute(name: string): boolean {
  return name.endsWith('*');
}
