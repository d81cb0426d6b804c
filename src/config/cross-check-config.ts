import { SERVER_DEFAULTS } from './config-defaults.ts';
import { checkProviderFields } from './check-provider-fields.ts';
import type { ConfigIssue } from './config-error.ts';
import type { ConfigFile } from './config-schema.ts';
import { checkRouting } from './check-routing.ts';
import { checkRoutes } from './check-routes.ts';
import { collectTargetPrices } from './target-price-overrides.ts';
import { unknownProviderMessage } from './unknown-provider-message.ts';

function checkPricing(file: ConfigFile, defined: string[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const seen = new Map<string, number>();
  (file.pricing?.overrides ?? []).forEach((override, index) => {
    if (override.provider != null && !defined.includes(override.provider)) {
      issues.push({ path: ['pricing', 'overrides', index, 'provider'], message: unknownProviderMessage(override.provider, defined) });
    }
    const key = `${override.provider ?? '*'}\u0000${override.model}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else issues.push({ path: ['pricing', 'overrides', index], message: `duplicate price override (same provider and model as pricing.overrides[${first}])` });
  });
  return issues;
}

function checkServer(file: ConfigFile): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const server = file.server;
  const port = server?.port ?? SERVER_DEFAULTS.port;
  const host = server?.host ?? SERVER_DEFAULTS.host;
  if (server?.admin?.port != null && server.admin.port === port && (server.admin.host ?? host) === host) {
    issues.push({ path: ['server', 'admin', 'port'], message: `must differ from server.port (${port}); omit it to serve the admin API on the main listener` });
  }
  if (server?.metrics?.listener === 'admin' && server.admin?.port == null) {
    issues.push({ path: ['server', 'metrics', 'listener'], message: 'admin needs server.admin.port: without it the admin API shares the main listener (use listener: main, or set server.admin.port)' });
  }
  const queueMax = server?.records?.queue_max ?? SERVER_DEFAULTS.records.queueMax;
  const batchSize = server?.records?.batch_size ?? SERVER_DEFAULTS.records.batchSize;
  if (batchSize > queueMax) issues.push({ path: ['server', 'records', 'batch_size'], message: `must not exceed queue_max (${queueMax})` });
  return issues;
}

/** Checks that need more than one field: references between sections and related limits. */
export function crossCheckConfig(file: ConfigFile): ConfigIssue[] {
  const providers = file.providers ?? {};
  const defined = Object.keys(providers);
  const issues: ConfigIssue[] = [];
  for (const [id, provider] of Object.entries(providers)) issues.push(...checkProviderFields(id, provider));
  return [
    ...issues,
    ...checkRoutes(file, defined),
    ...checkPricing(file, defined),
    ...collectTargetPrices(file).issues,
    ...checkRouting(file),
    ...checkServer(file),
  ];
}
