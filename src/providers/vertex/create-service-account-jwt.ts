import { createPrivateKey, sign, type KeyObject } from 'node:crypto';

/** The scope Vertex AI calls need. https://cloud.google.com/vertex-ai/docs/authentication */
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** How long a minted assertion (and so the token asked for) is valid; Google's maximum. */
export const ASSERTION_LIFETIME_S = 3600;

export interface ServiceAccountKey {
  clientEmail: string;
  privateKey: string;
  tokenUri: string;
}

const b64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');
const ESCAPED_NEWLINE = /\\n/g;

/**
 * Parses the service account's PEM key. Keys pasted from the JSON key file through an environment
 * variable often carry literal `\n` sequences; those are turned back into newlines. The error never
 * quotes the key.
 */
export function parseServiceAccountKey(pem: string): KeyObject {
  try {
    return createPrivateKey(pem.includes('\\n') ? pem.replace(ESCAPED_NEWLINE, '\n') : pem);
  } catch {
    throw new Error('the service account private_key is not a valid PEM private key');
  }
}

/**
 * The signed JWT a service account exchanges for an access token: RS256 over
 * `{iss: client email, scope: cloud-platform, aud: token URI, iat, exp: iat + 3600}`.
 * https://developers.google.com/identity/protocols/oauth2/service-account#httprest
 */
export function createServiceAccountJwt(key: ServiceAccountKey, nowMs: number): string {
  const iat = Math.floor(nowMs / 1000);
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = b64url(JSON.stringify({ iss: key.clientEmail, scope: CLOUD_PLATFORM_SCOPE, aud: key.tokenUri, iat, exp: iat + ASSERTION_LIFETIME_S }));
  const signingInput = `${header}.${claims}`;
  const signature = sign('sha256', Buffer.from(signingInput), parseServiceAccountKey(key.privateKey));
  return `${signingInput}.${b64url(signature)}`;
}
