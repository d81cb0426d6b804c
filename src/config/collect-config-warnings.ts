import { collectCredentialWarnings } from './collect-credential-warnings.ts';
import type { ConfigIssue } from './config-error.ts';
import type { ConfigFile } from './config-schema.ts';
import { routeTargets } from './route-targets.ts';

/** Upstream model names each provider is sent; a wildcard target (`*`) may send any name. */
function targetsByProvider(file: ConfigFile): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  for (const [name, route] of Object.entries(file.models ?? {})) {
    for (const { provider, model } of routeTargets(name, route)) used.set(provider, (used.get(provider) ?? new Set()).add(model));
  }
  return used;
}

function sendsAnyModel(models: Set<string> | undefined): boolean {
  return models !== undefined && [...models].some((model) => model.includes('*'));
}

/**
 * Non-fatal findings worth a log line at startup. `variablesByPath` (from interpolation)
 * lets the message name the environment variable that left a key empty, never its value.
 */
export function collectConfigWarnings(file: ConfigFile, variablesByPath: Map<string, string[]>): ConfigIssue[] {
  const warnings: ConfigIssue[] = [];
  const used = targetsByProvider(file);
  for (const [id, provider] of Object.entries(file.providers ?? {})) {
    warnings.push(...collectCredentialWarnings(id, provider, variablesByPath));
    for (const model of Object.keys(provider.deployments ?? {})) {
      if (used.get(id)?.has(model) || sendsAnyModel(used.get(id))) continue;
      warnings.push({ path: ['providers', id, 'deployments', model], message: `no model target sends "${model}" to provider "${id}", so this deployment is never used` });
    }
  }
  const admin = file.server?.admin;
  if (admin?.host != null && admin.port == null) {
    warnings.push({ path: ['server', 'admin', 'host'], message: 'ignored without server.admin.port (the admin API shares the main listener)' });
  }
  return warnings;
}
