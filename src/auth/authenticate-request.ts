import type { KeyIndex } from '../keys/key-index.ts';
import { looksLikeKeySecret } from '../keys/virtual-key-secret.ts';
import { HttpError } from '../server/http-error.ts';
import type { VirtualKeyRecord } from '../store/store-types.ts';

const authError = (code: string, message: string) => new HttpError(401, 'authentication_error', code, message, { headers: { 'www-authenticate': 'Bearer' } });

/** The bearer secret of an `Authorization: Bearer …` header, or why there is none. */
export function bearerSecret(header: string | undefined): string {
  if (!header) throw authError('missing_api_key', 'missing API key: send the header "Authorization: Bearer sk-sy-…" with a Switchyard virtual key');
  if (header.length < 8 || header.slice(0, 7).toLowerCase() !== 'bearer ') {
    throw authError('malformed_api_key', 'malformed Authorization header: expected "Bearer sk-sy-…"');
  }
  return header.slice(7).trim();
}

/**
 * Resolves a virtual key from memory (never the store) and checks that it is usable now.
 * The key itself is never echoed back.
 */
export function authenticateSecret(secret: string, keys: KeyIndex, now: number): VirtualKeyRecord {
  if (!looksLikeKeySecret(secret)) throw authError('malformed_api_key', 'malformed API key: Switchyard virtual keys start with "sk-sy-"');
  const key = keys.lookupSecret(secret);
  if (!key) throw authError('invalid_api_key', 'invalid API key: no such virtual key');
  if (key.revokedAt != null) throw authError('revoked_api_key', `API key ${key.prefix}… was revoked`);
  if (key.expiresAt != null && key.expiresAt <= now) throw authError('expired_api_key', `API key ${key.prefix}… expired at ${new Date(key.expiresAt).toISOString()}`);
  return key;
}

export function keyAllowsModel(key: VirtualKeyRecord, model: string): boolean {
  return key.models === null || key.models.includes(model);
}

export function modelNotAllowed(key: VirtualKeyRecord, model: string): HttpError {
  return new HttpError(403, 'permission_error', 'model_not_allowed', `API key ${key.prefix}… is not allowed to use model "${model}"`, { param: 'model' });
}
