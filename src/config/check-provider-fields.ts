import type { ConfigIssue } from './config-error.ts';
import type { ConfigFileProvider } from './config-schema.ts';
import { PROVIDER_TYPE_RULES, TYPE_SPECIFIC_KEYS, typesAllowing } from './provider-type-rules.ts';
import type { TypeSpecificKey } from './provider-type-rules.ts';

const REQUIRED_EXAMPLES: Partial<Record<TypeSpecificKey, string>> = {
  project: ', the GCP project id',
  aws: ': { access_key_id, secret_access_key }',
};

function isPresent(provider: ConfigFileProvider, key: TypeSpecificKey | 'base_url'): boolean {
  return provider[key] != null;
}

/** Given and not left empty by interpolation: counts towards "one of" and "not both". */
function isSet(provider: ConfigFileProvider, key: TypeSpecificKey): boolean {
  const value = provider[key];
  return value != null && value !== '';
}

function notAllowedMessage(key: TypeSpecificKey, provider: ConfigFileProvider): string {
  const rule = PROVIDER_TYPE_RULES[provider.type];
  if (key === 'api_key' && rule.authInstead !== undefined) return `api_key is not used by type ${provider.type} (${rule.authInstead})`;
  const types = typesAllowing(key);
  return `${key} is only valid for type${types.length > 1 ? 's' : ''} ${types.join(', ')}`;
}

/**
 * Per-type rules for one provider: keys the type does not use (pointed at the key), keys it
 * requires (pointed at the provider), and credentials that are alternatives.
 */
export function checkProviderFields(id: string, provider: ConfigFileProvider): ConfigIssue[] {
  const rule = PROVIDER_TYPE_RULES[provider.type];
  const at = (key: string) => ['providers', id, key];
  const issues: ConfigIssue[] = [];
  for (const key of TYPE_SPECIFIC_KEYS) {
    if (isPresent(provider, key) && !rule.allows.includes(key)) issues.push({ path: at(key), atKey: true, message: notAllowedMessage(key, provider) });
  }
  for (const key of rule.requires) {
    if (isPresent(provider, key)) continue;
    const example = key === 'base_url' ? `, e.g. ${rule.baseUrlExample}` : key === 'region' ? `, e.g. ${rule.regionExample}` : (REQUIRED_EXAMPLES[key] ?? '');
    issues.push({ path: at(key), message: `required for type "${provider.type}"${example}` });
  }
  if (rule.oneOf !== undefined) {
    const [first, second] = rule.oneOf;
    if (isSet(provider, first) && isSet(provider, second)) {
      issues.push({ path: at(second), atKey: true, message: `use either ${first} or ${second}, not both` });
    } else if (!isPresent(provider, first) && !isPresent(provider, second)) {
      issues.push({ path: at(first), message: `required for type "${provider.type}": ${first} or ${second}` });
    }
  }
  return issues;
}
