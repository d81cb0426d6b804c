import type { Config, ProviderConfig } from './types.ts';

/** PEM lines at least this long are listed on their own, so a quoted fragment of a key is caught too. */
const MIN_PEM_LINE = 40;

function urlUserinfo(baseUrl: string): string[] {
  try {
    const url = new URL(baseUrl);
    const out = [url.username, url.password];
    for (const part of [url.username, url.password]) {
      try {
        out.push(decodeURIComponent(part));
      } catch {
        // a malformed escape: the raw form is listed already
      }
    }
    return out;
  } catch {
    return [];
  }
}

function providerSecrets(p: ProviderConfig): string[] {
  const out: string[] = [...Object.values(p.headers), ...urlUserinfo(p.baseUrl)];
  if (p.apiKey) out.push(p.apiKey);
  if (p.azureAdToken) out.push(p.azureAdToken);
  if (p.aws) {
    out.push(p.aws.accessKeyId, p.aws.secretAccessKey);
    if (p.aws.sessionToken) out.push(p.aws.sessionToken);
  }
  if (p.gcpServiceAccount) {
    const key = p.gcpServiceAccount.privateKey;
    out.push(key, ...key.split(/\r?\n|\\n/).filter((line) => line.length >= MIN_PEM_LINE));
  }
  return out;
}

/**
 * Every credential the config holds, as the values to scrub from upstream error text: provider API
 * keys, Azure keys and Entra tokens, AWS access keys, secret keys and session tokens, service-account
 * private keys (whole and line by line), values of the providers' `headers:` (any of them may be a
 * credential), and the userinfo of base URLs. Empty values are left out.
 */
export function configuredSecrets(config: Config): string[] {
  return Object.values(config.providers).flatMap(providerSecrets).filter((v) => v !== '');
}
