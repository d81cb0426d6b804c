import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { authenticateSecret, bearerSecret } from '../auth/authenticate-request.ts';
import type { KeyIndex } from '../keys/key-index.ts';
import { HttpError } from '../server/http-error.ts';

/**
 * How the admin API is guarded. `master`: Bearer SWITCHYARD_MASTER_KEY or an admin-role virtual key.
 * `disabled`: no master key was configured, so the admin API refuses every call.
 * `insecure-dev`: explicitly requested development mode with no admin authentication (loopback only).
 */
export type AdminGuard = { mode: 'master'; masterKeyDigest: Buffer } | { mode: 'disabled' } | { mode: 'insecure-dev' };

export function adminGuard(masterKey: string | undefined, insecureDev: boolean): AdminGuard {
  if (masterKey) return { mode: 'master', masterKeyDigest: digest(masterKey) };
  return insecureDev ? { mode: 'insecure-dev' } : { mode: 'disabled' };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Returns who is calling (for the audit log) or throws a 401/403/503. */
export function authorizeAdmin(req: IncomingMessage, guard: AdminGuard, keys: KeyIndex): string {
  if (guard.mode === 'insecure-dev') return 'insecure-dev';
  if (guard.mode === 'disabled') {
    throw new HttpError(503, 'admin_disabled', 'admin_disabled', 'the admin API is disabled because SWITCHYARD_MASTER_KEY is not set; restart the gateway with it set');
  }
  const secret = bearerSecret(req.headers.authorization);
  if (timingSafeEqual(digest(secret), guard.masterKeyDigest)) return 'master-key';
  const key = authenticateSecret(secret, keys, Date.now());
  if (key.role !== 'admin') throw new HttpError(403, 'permission_error', 'admin_role_required', `API key ${key.prefix}… does not have the admin role`);
  return `key:${key.id}`;
}
