import { resolve } from 'node:path';
import { GOOGLE_TOKEN_URI, privateKeyProblem, tokenUriProblem, unescapePrivateKey } from './check-service-account-values.ts';
import type { ConfigIssue } from './config-error.ts';
import type { ConfigFile, ConfigFileServiceAccount } from './config-schema.ts';
import { parseServiceAccountKey } from './parse-service-account-key.ts';
import { readProblem } from './read-secret-file.ts';
import type { GcpServiceAccount } from './parse-service-account-key.ts';

/** How files named in the config are reached; injected so tests and callers control the I/O. */
export interface ConfigFileReader {
  /** Returns the file's UTF-8 text or throws (an errno error names the cause). */
  readFile: (path: string) => string;
  /** Relative paths resolve against this: the config file's directory, or the working directory. */
  baseDir: string;
}

/** Service accounts by provider id, plus every problem found while reading them. */
export interface ResolvedServiceAccounts {
  accounts: Map<string, GcpServiceAccount>;
  issues: ConfigIssue[];
}

function fromFile(id: string, name: string, reader: ConfigFileReader): { account?: GcpServiceAccount; issues: ConfigIssue[] } {
  const path = ['providers', id, 'gcp_service_account_file'];
  const where = resolve(reader.baseDir, name);
  let text: string;
  try {
    text = reader.readFile(where);
  } catch (error) {
    return { issues: [{ path, message: `cannot read service-account key ${where}: ${readProblem(error)}` }] };
  }
  const parsed = parseServiceAccountKey(text);
  if (!parsed.ok) return { issues: [{ path, message: `${where} ${parsed.problem}` }] };
  const issues: ConfigIssue[] = [];
  const keyProblem = privateKeyProblem(parsed.account.privateKey);
  if (keyProblem !== undefined) issues.push({ path, message: `the private_key in ${where} ${keyProblem}` });
  const uriProblem = tokenUriProblem(parsed.account.tokenUri);
  if (uriProblem !== undefined) issues.push({ path, message: `the token_uri in ${where} ${uriProblem}` });
  return issues.length > 0 ? { issues } : { account: parsed.account, issues };
}

function fromInline(id: string, inline: ConfigFileServiceAccount): { account: GcpServiceAccount; issues: ConfigIssue[] } {
  const path = ['providers', id, 'gcp_service_account'];
  const account: GcpServiceAccount = {
    clientEmail: inline.client_email,
    privateKey: unescapePrivateKey(inline.private_key),
    tokenUri: inline.token_uri == null || inline.token_uri === '' ? GOOGLE_TOKEN_URI : inline.token_uri,
  };
  const issues: ConfigIssue[] = [];
  const keyProblem = account.privateKey === '' ? undefined : privateKeyProblem(account.privateKey);
  if (keyProblem !== undefined) issues.push({ path: [...path, 'private_key'], message: keyProblem });
  const uriProblem = tokenUriProblem(account.tokenUri);
  if (uriProblem !== undefined) issues.push({ path: [...path, 'token_uri'], message: uriProblem });
  return { account, issues };
}

/**
 * Loads each vertex provider's service account, from `gcp_service_account_file` (read now, so
 * a wrong path fails the load rather than the first request) or the inline mapping. Providers
 * of other types are left to `checkProviderFields`, which rejects these keys there.
 */
export function resolveServiceAccounts(file: ConfigFile, reader: ConfigFileReader): ResolvedServiceAccounts {
  const accounts = new Map<string, GcpServiceAccount>();
  const issues: ConfigIssue[] = [];
  for (const [id, provider] of Object.entries(file.providers ?? {})) {
    if (provider.type !== 'vertex') continue;
    const fromKeyFile = provider.gcp_service_account_file;
    const inline = provider.gcp_service_account;
    if (fromKeyFile != null && inline != null) continue;
    const result = fromKeyFile != null ? fromFile(id, fromKeyFile, reader) : inline != null ? fromInline(id, inline) : undefined;
    if (result === undefined) continue;
    issues.push(...result.issues);
    if (result.account !== undefined) accounts.set(id, result.account);
  }
  return { accounts, issues };
}
