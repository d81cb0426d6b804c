import { hash, randomBytes } from 'node:crypto';

/** Every Switchyard virtual key starts with this, so leaked keys are recognisable by secret scanners. */
export const KEY_PREFIX = 'sk-sy-';
const DISPLAY_LENGTH = KEY_PREFIX.length + 6;

/** A new secret: the prefix plus 32 random bytes in base64url (256 bits of entropy). */
export function generateKeySecret(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function generateKeyId(): string {
  return 'key_' + randomBytes(9).toString('base64url');
}

/** SHA-256 hex of the secret. Keys have 256 bits of entropy, so a fast hash is the right tool (no salt needed). */
export function hashKeySecret(secret: string): string {
  return hash('sha256', secret, 'hex');
}

export function displayPrefix(secret: string): string {
  return secret.slice(0, DISPLAY_LENGTH);
}

/** Cheap shape check before hashing: rejects obviously malformed keys with a precise message. */
export function looksLikeKeySecret(secret: string): boolean {
  return secret.startsWith(KEY_PREFIX) && secret.length >= KEY_PREFIX.length + 20 && secret.length <= 200;
}
