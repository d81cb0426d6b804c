import type { KeyRole, Store, VirtualKeyRecord } from '../store/store-types.ts';
import { displayPrefix, generateKeyId, generateKeySecret, hashKeySecret } from './virtual-key-secret.ts';

export interface NewKeyRequest {
  name: string;
  role?: KeyRole;
  models?: string[] | null;
  expiresAt?: number | null;
}

export interface CreatedKey {
  record: VirtualKeyRecord;
  /** The only time the secret exists outside the client: show it once, never store it. */
  secret: string;
}

const NAME = /^[\w .:@/-]{1,100}$/;

/** Validates, generates and stores a new virtual key. Shared by the CLI and the admin API. */
export async function createVirtualKey(store: Store, req: NewKeyRequest, now = Date.now()): Promise<CreatedKey> {
  if (!NAME.test(req.name)) throw new KeyInputError('name must be 1-100 characters of letters, digits, space and . _ : @ / -');
  if (req.expiresAt != null && (!Number.isSafeInteger(req.expiresAt) || req.expiresAt <= now)) {
    throw new KeyInputError('expiry must be in the future');
  }
  const models = req.models == null ? null : [...new Set(req.models.map((m) => m.trim()).filter(Boolean))];
  if (models && models.length === 0) throw new KeyInputError('models must name at least one model (omit it to allow all models)');
  const secret = generateKeySecret();
  const record: VirtualKeyRecord = {
    id: generateKeyId(),
    name: req.name,
    prefix: displayPrefix(secret),
    hash: hashKeySecret(secret),
    role: req.role ?? 'user',
    models,
    createdAt: now,
    expiresAt: req.expiresAt ?? null,
    revokedAt: null,
  };
  await store.keys.insert(record);
  return { record, secret };
}

/** Bad input for key creation; callers map it to exit code 2 (CLI) or HTTP 400 (admin API). */
export class KeyInputError extends Error {
  override name = 'KeyInputError';
}

/** The public view of a key (admin API, CLI): everything but the hash. */
export function publicKeyView(k: VirtualKeyRecord, now = Date.now()) {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    role: k.role,
    models: k.models,
    created_at: new Date(k.createdAt).toISOString(),
    expires_at: k.expiresAt == null ? null : new Date(k.expiresAt).toISOString(),
    revoked_at: k.revokedAt == null ? null : new Date(k.revokedAt).toISOString(),
    status: k.revokedAt != null ? 'revoked' : k.expiresAt != null && k.expiresAt <= now ? 'expired' : 'active',
  };
}
