import { request } from 'undici';
import type { SignContext } from '../providers/provider-adapter.ts';

/**
 * The HTTP call signers use for token exchanges (Vertex OAuth). The URL always comes from operator
 * config (a service-account `token_uri`), never from a request. Bounded in time and size.
 */
export function createFetchJson(timeoutMs = 10_000): SignContext['fetchJson'] {
  return async (url, init) => {
    const res = await request(url, { method: init.method, headers: init.headers, body: init.body, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
    const text = await res.body.text();
    if (text.length > 1_000_000) throw new Error('token endpoint answered with more than 1 MB');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, json };
  };
}
