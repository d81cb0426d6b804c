import assert from 'node:assert/strict';
import { generateKeyPairSync, verify } from 'node:crypto';
import { describe, it } from 'node:test';
import { CLOUD_PLATFORM_SCOPE, createServiceAccountJwt, parseServiceAccountKey } from './create-service-account-jwt.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const key = { clientEmail: 'sa@proj.iam.gserviceaccount.com', privateKey: pem, tokenUri: 'https://oauth2.googleapis.com/token' };
const decode = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

describe('createServiceAccountJwt', () => {
  it('signs the documented claims with RS256', () => {
    const jwt = createServiceAccountJwt(key, 1_700_000_000_999);
    const [header, claims, signature] = jwt.split('.');
    assert.deepEqual(decode(header), { alg: 'RS256', typ: 'JWT' });
    assert.deepEqual(decode(claims), {
      iss: 'sa@proj.iam.gserviceaccount.com', scope: CLOUD_PLATFORM_SCOPE, aud: 'https://oauth2.googleapis.com/token', iat: 1_700_000_000, exp: 1_700_003_600,
    });
    assert.equal(verify('sha256', Buffer.from(`${header}.${claims}`), publicKey, Buffer.from(signature, 'base64url')), true);
  });

  it('accepts a key whose newlines arrived as literal \\n', () => {
    const escaped = pem.replaceAll('\n', '\\n');
    const jwt = createServiceAccountJwt({ ...key, privateKey: escaped }, 0);
    const [header, claims, signature] = jwt.split('.');
    assert.equal(verify('sha256', Buffer.from(`${header}.${claims}`), publicKey, Buffer.from(signature, 'base64url')), true);
  });

  it('fails on a bad key without quoting it', () => {
    assert.throws(() => parseServiceAccountKey('-----BEGIN PRIVATE KEY-----\nSECRETSTUFF\n-----END PRIVATE KEY-----'), (e: unknown) =>
      e instanceof Error && e.message === 'the service account private_key is not a valid PEM private key');
  });
});
