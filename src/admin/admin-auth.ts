import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { authenticateSecret } from '../auth/authenticate-request.ts';
import type { KeyIndex } from '../keys/key-index.ts';
import { looksLikeKeySecret } from '../keys/virtual-key-secret.ts';
import { HttpError } from '../server/http-error.ts';
import { isLoopbackHost, isLoopbackOrigin } from './loopback-host.ts';

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

const adminAuthError = (code: string, message: string) => new HttpError(401, 'authentication_error', code, message, { headers: { 'www-authenticate': 'Bearer' } });

/** Returns who is calling (for the audit log) or throws a 401/403/503. */
export function authorizeAdmin(req: IncomingMessage, guard: AdminGuard, keys: KeyIndex): string {
  if (guard.mode === 'insecure-dev') {
    checkLoopbackRequest(req);
    return 'insecure-dev';
  }
  if (guard.mode === 'disabled') {
    throw new HttpError(503, 'admin_disabled', 'admin_disabled', 'the admin API is disabled because SWITCHYARD_MASTER_KEY is not set; restart the gateway with it set');
  }
  const secret = adminBearer(req.headers.authorization);
  if (timingSafeEqual(digest(secret), guard.masterKeyDigest)) return 'master-key';
  if (!looksLikeKeySecret(secret)) {
    throw adminAuthError('invalid_api_key', 'invalid admin credential: the bearer token is not the master key (SWITCHYARD_MASTER_KEY of the running gateway); check the value you send, or use an admin-role virtual key');
  }
  if (!keys.lookupSecret(secret)) {
    throw adminAuthError('invalid_api_key', 'invalid admin credential: the bearer token is neither the master key (SWITCHYARD_MASTER_KEY) nor a known virtual key');
  }
  const key = authenticateSecret(secret, keys, Date.now());
  if (key.role !== 'admin') throw new HttpError(403, 'permission_error', 'admin_role_required', `API key ${key.prefix}… does not have the admin role`);
  return `key:${key.id}`;
}

function adminBearer(header: string | undefined): string {
  if (!header) throw adminAuthError('missing_api_key', 'missing credential: the admin API needs "Authorization: Bearer <SWITCHYARD_MASTER_KEY>" or an admin-role virtual key');
  if (header.length < 8 || header.slice(0, 7).toLowerCase() !== 'bearer ') {
    throw adminAuthError('malformed_api_key', 'malformed Authorization header: expected "Bearer <SWITCHYARD_MASTER_KEY>" or "Bearer <admin-role virtual key>"');
  }
  return header.slice(7).trim();
}

/**
 * `--insecure-dev-admin` has no credential, so a browser page must not reach it: a DNS-rebinding page
 * sends its own name as `Host`, and a cross-site request carries its own `Origin`. Only loopback names pass.
 */
function checkLoopbackRequest(req: IncomingMessage): void {
  const host = req.headers.host;
  if (typeof host !== 'string' || !isLoopbackHost(host)) {
    throw new HttpError(403, 'permission_error', 'non_loopback_host',
      'the insecure development admin API answers only requests addressed to localhost, 127.0.0.1 or [::1] (this request\'s Host header names another host; a DNS-rebinding defence). Use http://127.0.0.1:<port>, or set SWITCHYARD_MASTER_KEY');
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !isLoopbackOrigin(origin)) {
    throw new HttpError(403, 'permission_error', 'non_loopback_origin',
      'the insecure development admin API refuses requests from web pages of other origins (the Origin header is not a localhost, 127.0.0.1 or [::1] origin); set SWITCHYARD_MASTER_KEY to use the admin API from elsewhere');
  }
}
