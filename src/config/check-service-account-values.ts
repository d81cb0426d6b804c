import { createPrivateKey } from 'node:crypto';

/** Where Google service-account keys exchange their signed JWT for an access token, unless the key names another. */
export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';

/**
 * Why `pem` cannot sign the RS256 JWT a service account needs, or undefined when it can.
 * Parsing here turns a pasted-wrong key into a config error instead of a failure on the first
 * request. The message never quotes the key or the crypto library's error (which may echo input).
 */
export function privateKeyProblem(pem: string): string | undefined {
  try {
    const key = createPrivateKey({ key: pem, format: 'pem' });
    if (key.asymmetricKeyType !== 'rsa') return `must be an RSA key (this one is ${key.asymmetricKeyType ?? 'not RSA'}); service accounts sign with RS256`;
    return undefined;
  } catch {
    return 'is not a PEM-encoded private key (expected "-----BEGIN PRIVATE KEY-----" … "-----END PRIVATE KEY-----")';
  }
}

/** Why `value` cannot be a token endpoint, or undefined when it can. */
export function tokenUriProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `must be an absolute http(s) URL such as ${GOOGLE_TOKEN_URI}`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must use http or https';
  if (url.username !== '' || url.password !== '') return 'must not contain credentials';
  return undefined;
}

/**
 * Keys passed through an environment variable often arrive with literal `\n` sequences (as
 * copied out of the JSON key file); PEM needs real line breaks. A key that already has line
 * breaks is left alone.
 */
export function unescapePrivateKey(value: string): string {
  return value.includes('\n') || !value.includes('\\n') ? value : value.replaceAll('\\n', '\n');
}
