import { ROUTING_DEFAULTS } from './config-defaults.ts';
import type { ConfigIssue } from './config-error.ts';
import type { ConfigFile } from './config-schema.ts';

/** `routing.breaker`: the open period doubles up to `max_open_ms`, so the cap cannot be below the start. */
export function checkRouting(file: ConfigFile): ConfigIssue[] {
  const breaker = file.routing?.breaker;
  if (breaker == null) return [];
  const openMs = breaker.open_ms ?? ROUTING_DEFAULTS.breaker.openMs;
  const maxOpenMs = breaker.max_open_ms ?? ROUTING_DEFAULTS.breaker.maxOpenMs;
  if (maxOpenMs >= openMs) return [];
  if (breaker.max_open_ms != null) return [{ path: ['routing', 'breaker', 'max_open_ms'], message: `must be at least open_ms (${openMs})` }];
  return [{ path: ['routing', 'breaker', 'open_ms'], message: `must not exceed max_open_ms (${maxOpenMs}, the default); raise max_open_ms too` }];
}
