/** Names of request fields that choose where a call goes or how it authenticates in some upstreams (LiteLLM-style proxies read `api_base`, `api_key`, `extra_headers` from the body). */
const ENDPOINT_OR_CREDENTIAL = new Set([
  'api_base', 'base_url', 'api_key', 'api_version', 'api_type', 'organization', 'custom_llm_provider',
  'headers', 'extra_headers', 'extra_body', 'extra_query',
]);
const ENDPOINT_WORD = /(^|_)(api_?base|base_?url|url|uri|endpoint|host(name)?|proxy)(_|$)/i;
const CREDENTIAL_WORD = /(^|_)(api_?key|apikey|access_?key(_id)?|secret|password|passwd|credentials?|(access|session|auth|bearer|id|refresh|api)_?token|authorization|auth|bearer|cookie)(_|$)/i;
const HEADER_LIKE = /^x[-_]|(^|_)headers?(_|$)/i;

/**
 * Why a request field must never be forwarded upstream whatever the config says, or undefined when
 * it may be: a field that names an endpoint, a credential or headers would let a client steer or
 * authenticate the upstream call, which only the operator's config may do. Used to reject such names
 * in `extra_body_fields`, and by encoders that pass a client's unknown fields through.
 */
export function neverForwardedReason(name: string): string | undefined {
  if (HEADER_LIKE.test(name)) return 'looks like a header; upstream headers come only from the provider\'s headers setting';
  if (ENDPOINT_OR_CREDENTIAL.has(name.toLowerCase()) || ENDPOINT_WORD.test(name)) return 'names an endpoint or credential, which only the provider\'s own settings may set';
  if (CREDENTIAL_WORD.test(name)) return 'names a credential, which only the provider\'s own settings may set';
  return undefined;
}
