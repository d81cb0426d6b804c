const EXTRA_RESERVED = /[!'()*]/g;
const hexEscape = (c: string): string => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;

/**
 * AWS `UriEncode`: every byte except the unreserved set A-Z a-z 0-9 `-` `_` `.` `~` becomes `%XX`
 * (uppercase hex, UTF-8). `encodeURIComponent` also spares `!'()*`, so those are escaped here.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html#create-canonical-request
 */
export function awsUriEncode(value: string): string {
  return encodeURIComponent(value).replace(EXTRA_RESERVED, hexEscape);
}

/**
 * The canonical URI of a path as sent on the wire. Non-S3 services URI-encode each segment once
 * more, so a Bedrock model id's `:` (sent as `%3A`) is signed as `%253A`.
 */
export function canonicalUri(wirePath: string): string {
  if (wirePath === '' || wirePath === '/') return '/';
  return wirePath.split('/').map(awsUriEncode).join('/');
}

/** Query parameters decoded, re-encoded with `awsUriEncode`, sorted by name then value, joined with `&`. */
export function canonicalQuery(query: string): string {
  if (query === '') return '';
  const pairs: Array<[string, string]> = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq === -1 ? part : part.slice(0, eq);
    const value = eq === -1 ? '' : part.slice(eq + 1);
    pairs.push([awsUriEncode(decodeURIComponent(name)), awsUriEncode(decodeURIComponent(value))]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join('&');
}
