import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { ErrorDetail, RequestContext, WireFormat } from '../request-context.ts';
import { sendJson } from '../send-json.ts';

/** Issued when the emulator has no `apiKey` option; with one, that value is the access token. */
export const DEFAULT_VERTEX_ACCESS_TOKEN = 'ya29.emulated-access-token';
/** What Google's token endpoint reports for a fresh token. */
export const TOKEN_EXPIRES_IN_S = 3599;

const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const MAX_LIFETIME_S = 3600;
const CLOCK_SKEW_S = 300;

/** OAuth 2.0 errors (`{error, error_description}`, RFC 6749 §5.2) as Google's token endpoint sends them. */
function sendOAuthError(ctx: RequestContext, status: number, detail?: ErrorDetail): void {
  const error = detail?.code ?? (status === 401 ? 'invalid_client' : status >= 500 ? 'internal_failure' : status === 429 ? 'rate_limit_exceeded' : 'invalid_request');
  sendJson(ctx, status, { error, error_description: detail?.message ?? `Request failed with status ${status} (emulated).` });
}

/** The token endpoint needs no prior credentials: the signed assertion is the credential. */
export const oauthFormat: WireFormat = {
  name: 'google-oauth',
  badJson: { code: 'invalid_request', message: 'Invalid request body.' },
  isAuthorized: () => true,
  sendError: sendOAuthError,
};

type Obj = Record<string, unknown>;

function decodeSegment(segment: string): Obj | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : undefined;
  } catch {
    return undefined;
  }
}

/** What `POST /token` checks an assertion against. */
export interface TokenEndpointOptions {
  /** Verifies the RS256 signature; without it any well-formed assertion is accepted. */
  publicKey: KeyObject | undefined;
  accessToken: string;
}

export function tokenEndpointOptions(publicKeyPem: string | undefined, apiKey: string | undefined): TokenEndpointOptions {
  return { publicKey: publicKeyPem === undefined ? undefined : createPublicKey(publicKeyPem), accessToken: apiKey ?? DEFAULT_VERTEX_ACCESS_TOKEN };
}

/**
 * `POST /token` (form-encoded `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<JWT>`):
 * checks the JWT as Google does (RS256 signature against the configured public key, `iss`, `scope`,
 * `aud` = this endpoint's URL, a lifetime of at most an hour that includes now) and answers
 * `{access_token, expires_in, token_type: 'Bearer'}`. Failures are 400 `invalid_grant` / `invalid_scope`
 * / `unsupported_grant_type` with Google's descriptions.
 * https://developers.google.com/identity/protocols/oauth2/service-account#httprest
 */
export function handleTokenRequest(ctx: RequestContext, o: TokenEndpointOptions): void {
  const form = (ctx.body ?? {}) as Obj;
  if (form.grant_type !== JWT_BEARER_GRANT) {
    return sendOAuthError(ctx, 400, { code: 'unsupported_grant_type', message: `Invalid grant_type: ${String(form.grant_type ?? '')}` });
  }
  const parts = typeof form.assertion === 'string' ? form.assertion.split('.') : [];
  const header = parts.length === 3 ? decodeSegment(parts[0]) : undefined;
  const claims = parts.length === 3 ? decodeSegment(parts[1]) : undefined;
  if (header === undefined || claims === undefined || header.alg !== 'RS256') {
    return sendOAuthError(ctx, 400, { code: 'invalid_grant', message: 'Invalid JWT: malformed assertion or unsupported algorithm.' });
  }
  if (o.publicKey !== undefined && !verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), o.publicKey, Buffer.from(parts[2], 'base64url'))) {
    return sendOAuthError(ctx, 400, { code: 'invalid_grant', message: 'Invalid JWT Signature.' });
  }
  const audience = `http://${ctx.req.headers.host ?? 'localhost'}/token`;
  if (claims.aud !== audience) {
    return sendOAuthError(ctx, 400, { code: 'invalid_grant', message: `Invalid JWT: Failed audience check. The right audience is ${audience}` });
  }
  if (typeof claims.iss !== 'string' || claims.iss === '') {
    return sendOAuthError(ctx, 400, { code: 'invalid_grant', message: 'Invalid JWT: No issuer.' });
  }
  if (typeof claims.scope !== 'string' || claims.scope === '') {
    return sendOAuthError(ctx, 400, { code: 'invalid_scope', message: 'Invalid OAuth scope or ID token audience provided.' });
  }
  const now = Math.floor(Date.now() / 1000);
  const { iat, exp } = claims;
  if (typeof iat !== 'number' || typeof exp !== 'number' || exp - iat > MAX_LIFETIME_S || exp <= now || iat > now + CLOCK_SKEW_S) {
    return sendOAuthError(ctx, 400, {
      code: 'invalid_grant',
      message: 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
    });
  }
  sendJson(ctx, 200, { access_token: o.accessToken, expires_in: TOKEN_EXPIRES_IN_S, token_type: 'Bearer' });
}
