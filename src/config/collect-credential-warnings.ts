import type { ConfigIssue, ConfigPath } from './config-error.ts';
import type { ConfigFileProvider } from './config-schema.ts';
import { PROVIDER_TYPE_RULES } from './provider-type-rules.ts';

type Present = string | null | undefined;

function isSet(value: Present): boolean {
  return value != null && value !== '';
}

/**
 * Credentials that are present but empty after interpolation (or an expected API key that is
 * missing) for one provider. The provider still loads, since an operator may start the
 * gateway before every secret is provisioned, but each gap gets a startup line naming the
 * variable that left it empty, never a value.
 */
export function collectCredentialWarnings(id: string, provider: ConfigFileProvider, variablesByPath: Map<string, string[]>): ConfigIssue[] {
  const warnings: ConfigIssue[] = [];
  const emptyWarning = (key: ConfigPath, value: Present, consequence: string): void => {
    if (value !== '') return;
    const path = ['providers', id, ...key];
    const variables = variablesByPath.get(JSON.stringify(path)) ?? [];
    const cause = variables.length > 0 ? ` (${variables.join(', ')} unset or empty)` : '';
    warnings.push({ path, message: `is empty${cause}; ${consequence}` });
  };
  const noKey = `requests to provider "${id}" will be sent without an API key`;
  const apiKeyMode = PROVIDER_TYPE_RULES[provider.type].apiKey;
  if (apiKeyMode === 'expected' && provider.api_key == null) {
    warnings.push({ path: ['providers', id, 'api_key'], message: `is not set; ${noKey}` });
  }
  if (apiKeyMode === 'expected' || apiKeyMode === 'optional') emptyWarning(['api_key'], provider.api_key, noKey);
  if (apiKeyMode === 'alternative' && !isSet(provider.api_key) && !isSet(provider.azure_ad_token)) {
    const noCredential = `provider "${id}" has no credential (api_key or azure_ad_token)`;
    emptyWarning(['api_key'], provider.api_key, noCredential);
    emptyWarning(['azure_ad_token'], provider.azure_ad_token, noCredential);
  }
  if (provider.aws != null) {
    const unsigned = `requests to provider "${id}" cannot be signed`;
    emptyWarning(['aws', 'access_key_id'], provider.aws.access_key_id, unsigned);
    emptyWarning(['aws', 'secret_access_key'], provider.aws.secret_access_key, unsigned);
  }
  if (provider.gcp_service_account != null) {
    const noToken = `provider "${id}" cannot obtain access tokens`;
    emptyWarning(['gcp_service_account', 'client_email'], provider.gcp_service_account.client_email, noToken);
    emptyWarning(['gcp_service_account', 'private_key'], provider.gcp_service_account.private_key, noToken);
  }
  return warnings;
}
