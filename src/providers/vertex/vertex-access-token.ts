import type { ProviderConfig } from '../../config/types.ts';
import type { SignContext } from '../provider-adapter.ts';
import { createServiceAccountJwt, type ServiceAccountKey } from './create-service-account-jwt.ts';

/** A token is replaced this long before Google says it expires, so no request carries one that dies in flight. */
export const TOKEN_REFRESH_MARGIN_MS = 60_000;

const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

interface CachedToken {
  accessToken: string;
  expiresAt: number;
}

type CacheEntry = CachedToken | Promise<CachedToken>;

/**
 * An OAuth access token for the provider's service account, from `SignContext.cache` while it has more
 * than a minute left, else from a JWT-bearer exchange at the key's `token_uri`. Concurrent callers share
 * one in-flight exchange; a failed exchange is not cached, so the next request tries again. Errors say
 * what failed (HTTP status, Google's `error` / `error_description`) and never carry the key or assertion.
 * https://developers.google.com/identity/protocols/oauth2/service-account#httprest
 */
export async function vertexAccessToken(p: ProviderConfig, ctx: SignContext): Promise<string> {
  const sa = p.gcpServiceAccount;
  if (!sa) throw new Error(`provider ${p.id} (vertex) has no gcp_service_account configured`);
  const key = `vertex-access-token:${sa.clientEmail}`;
  const cached = ctx.cache.get(key) as CacheEntry | undefined;
  if (cached instanceof Promise) return (await cached).accessToken;
  if (cached !== undefined && cached.expiresAt - TOKEN_REFRESH_MARGIN_MS > ctx.now()) return cached.accessToken;
  const pending = exchangeAssertion(sa, ctx);
  ctx.cache.set(key, pending);
  try {
    const token = await pending;
    if (ctx.cache.get(key) === pending) ctx.cache.set(key, token);
    return token.accessToken;
  } catch (err) {
    if (ctx.cache.get(key) === pending) ctx.cache.delete(key);
    throw err;
  }
}

async function exchangeAssertion(sa: ServiceAccountKey, ctx: SignContext): Promise<CachedToken> {
  const startedAt = ctx.now();
  const assertion = createServiceAccountJwt(sa, startedAt);
  let res: { status: number; json: unknown };
  try {
    res = await ctx.fetchJson(sa.tokenUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString(),
    });
  } catch (err) {
    const code = (err as { code?: unknown })?.code;
    throw new Error(`the service account token endpoint could not be reached (${typeof code === 'string' ? code : (err as Error)?.name ?? 'error'})`, { cause: err });
  }
  const body = (res.json !== null && typeof res.json === 'object' ? res.json : {}) as Record<string, unknown>;
  if (res.status < 200 || res.status > 299 || typeof body.access_token !== 'string' || body.access_token === '') {
    const reason = [body.error, body.error_description].filter((v) => typeof v === 'string' && v !== '').join(': ').slice(0, 300);
    throw new Error(`the service account token exchange failed (HTTP ${res.status}${reason ? `, ${reason}` : res.status < 300 ? ', no access_token in the answer' : ''})`);
  }
  const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : 3600;
  return { accessToken: body.access_token, expiresAt: startedAt + expiresIn * 1000 };
}
