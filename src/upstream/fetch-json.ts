import type { SignContext } from '../providers/provider-adapter.ts';

/**
 * The HTTP call signers use for token exchanges (Vertex OAuth). The URL always comes from operator
 * config (a service-account `token_uri`), never from a request. Bounded in time and size. Node's own
 * `fetch`, loaded only when a token is first fetched: importing undici's whole API for this one call
 * would cost every gateway its memory (see `undici-parts.ts`).
 */
export function createFetchJson(timeoutMs = 10_000): SignContext['fetchJson'] {
  return async (url, init) => {
    const res = await fetch(url, { method: init.method, headers: init.headers, body: init.body, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    const text = await res.text();
    if (text.length > 1_000_000) throw new Error('token endpoint answered with more than 1 MB');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, json };
  };
}
