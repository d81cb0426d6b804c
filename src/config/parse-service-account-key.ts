import { GOOGLE_TOKEN_URI } from './check-service-account-values.ts';
import type { ProviderConfig } from './types.ts';

export type GcpServiceAccount = NonNullable<ProviderConfig['gcpServiceAccount']>;

/** A parsed key file, or what is wrong with it (phrased to follow the file's name). */
export type ParsedServiceAccountKey = { ok: true; account: GcpServiceAccount } | { ok: false; problem: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Reads the JSON key file Google issues for a service account (`type: "service_account"`,
 * `client_email`, `private_key`, `token_uri`, …):
 * https://cloud.google.com/iam/docs/keys-create-delete#creating. Problems never quote the
 * file's content: `JSON.parse` messages echo the input, so they are not passed on.
 */
export function parseServiceAccountKey(text: string): ParsedServiceAccountKey {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'is not valid JSON (expected a Google service-account key file)' };
  }
  if (!isRecord(json)) return { ok: false, problem: 'is not a JSON object (expected a Google service-account key file)' };
  if (json.type !== undefined && json.type !== 'service_account') {
    const kind = typeof json.type === 'string' ? `a "${json.type}" credential` : 'not a service-account credential';
    return { ok: false, problem: `is ${kind}, not a service-account key (create one under IAM → Service accounts → Keys)` };
  }
  if (typeof json.client_email !== 'string' || json.client_email === '') return { ok: false, problem: 'has no client_email' };
  if (typeof json.private_key !== 'string' || json.private_key === '') return { ok: false, problem: 'has no private_key' };
  if (json.token_uri !== undefined && typeof json.token_uri !== 'string') return { ok: false, problem: 'has a token_uri that is not a string' };
  const tokenUri = typeof json.token_uri === 'string' && json.token_uri !== '' ? json.token_uri : GOOGLE_TOKEN_URI;
  return { ok: true, account: { clientEmail: json.client_email, privateKey: json.private_key, tokenUri } };
}
