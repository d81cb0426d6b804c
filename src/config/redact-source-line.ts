const SECRET_KEY = '[\\w-]*(?:key|secret|token|password|passwd|authorization|cookie|credential|aws|service_account(?!_file))[\\w-]*';
const BLOCK_ENTRY = new RegExp(`^(\\s*(?:-\\s+)?["']?${SECRET_KEY}["']?\\s*:\\s+)(.*?)(\\s+#.*)?$`, 'i');
const FLOW_ENTRY = new RegExp(`(["']?${SECRET_KEY}["']?\\s*:)(?!\\s*\\{)(\\s*)("(?:[^"\\\\]|\\\\.)*"|'(?:[^']|'')*'|(?:\\$\\{[^}]*\\}|[^,}\\]])*)`, 'gi');
const FLOW_OPEN = /(^|[^$])\{/;
const PURE_REFERENCE = /^(["']?)\$\{[A-Za-z_][A-Za-z0-9_]*(:-)?\}\1$/;
const BLOCK_SCALAR_HEADER = /^[|>][-+1-9]{0,2}$/;
/** A continuation line of a multi-line key (PEM body, possibly with `\n` escapes or a closing quote). */
const KEY_MATERIAL = /^(\s*)(["']?[A-Za-z0-9+/=\\]{24,}["']?,?)(\s*)$/;
/** The userinfo of any URL on the line (`https://user:pass@host`), whatever key it stands under. */
const URL_USERINFO = /(\b[A-Za-z][A-Za-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/g;

function redactValue(raw: string): string {
  const value = raw.trimEnd();
  const trailing = raw.slice(value.length);
  const keep = value === '' || value.startsWith('#') || PURE_REFERENCE.test(value) || BLOCK_SCALAR_HEADER.test(value);
  return (keep ? value : '<redacted>') + trailing;
}

/**
 * Hides the value of secret-looking keys (`api_key`, `Authorization`, `*token*`, `aws`,
 * `private_key`) in a line of config source before it is shown in an error excerpt, and hides
 * lines that are bare key material (the body of a multi-line `private_key`). A bare `${VAR}`
 * reference is kept: it names where the secret comes from and is the part an operator needs.
 * A flow mapping under a secret-looking key (`aws: { … }`) has its entries redacted one by one.
 * The userinfo of a URL (`base_url: https://user:pass@host`) is redacted under any key.
 */
export function redactSourceLine(line: string): string {
  line = line.replace(URL_USERINFO, '$1<redacted>@');
  if (KEY_MATERIAL.test(line)) return line.replace(KEY_MATERIAL, '$1<redacted>$3');
  if (FLOW_OPEN.test(line)) return line.replace(FLOW_ENTRY, (_, key: string, space: string, value: string) => key + space + redactValue(value));
  const match = BLOCK_ENTRY.exec(line);
  if (match === null) return line;
  return match[1] + redactValue(match[2]) + (match[3] ?? '');
}
