import type { ConfigIssue } from './config-error.ts';
import type { ConfigFile } from './config-schema.ts';

/**
 * Non-fatal findings worth a log line at startup. `variablesByPath` (from interpolation)
 * lets the message name the environment variable that left a key empty, never its value.
 */
export function collectConfigWarnings(file: ConfigFile, variablesByPath: Map<string, string[]>): ConfigIssue[] {
  const warnings: ConfigIssue[] = [];
  for (const [id, provider] of Object.entries(file.providers ?? {})) {
    const path = ['providers', id, 'api_key'];
    const empty = provider.api_key === '';
    if (!empty && !(provider.api_key == null && provider.type === 'openai')) continue;
    const variables = variablesByPath.get(JSON.stringify(path)) ?? [];
    const cause = variables.length > 0 ? ` (${variables.join(', ')} unset or empty)` : '';
    const what = empty ? `is empty${cause}` : 'is not set';
    warnings.push({ path, message: `${what}; requests to provider "${id}" will be sent without an API key` });
  }
  const admin = file.server?.admin;
  if (admin?.host != null && admin.port == null) {
    warnings.push({ path: ['server', 'admin', 'host'], message: 'ignored without server.admin.port (the admin API shares the main listener)' });
  }
  return warnings;
}
