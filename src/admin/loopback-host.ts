/** Host names that can only reach this machine, as they appear in a `Host` header (port removed). */
const LOOPBACK_NAMES: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether a `Host` header value (`name` or `name:port`) names the loopback interface. The insecure
 * development admin API answers only such hosts: a web page that rebinds its own DNS name to 127.0.0.1
 * still sends its own name as `Host`, so checking it defeats DNS rebinding.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end !== -1 && LOOPBACK_NAMES.has(h.slice(0, end + 1)) && isPortSuffix(h.slice(end + 1));
  }
  const colon = h.indexOf(':');
  return LOOPBACK_NAMES.has(colon === -1 ? h : h.slice(0, colon)) && (colon === -1 || isPortSuffix(h.slice(colon)));
}

/** Whether an `Origin` header value (`scheme://host[:port]`) is a loopback origin. `null` (opaque) is not. */
export function isLoopbackOrigin(origin: string): boolean {
  const sep = origin.indexOf('://');
  if (sep === -1) return false;
  const scheme = origin.slice(0, sep).toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return false;
  const rest = origin.slice(sep + 3);
  return rest.length > 0 && !rest.includes('/') && !rest.includes('@') && isLoopbackHost(rest);
}

function isPortSuffix(s: string): boolean {
  if (s === '') return true;
  if (s[0] !== ':' || s.length < 2 || s.length > 6) return false;
  for (let i = 1; i < s.length; i++) if (s.charCodeAt(i) < 48 || s.charCodeAt(i) > 57) return false;
  return true;
}
