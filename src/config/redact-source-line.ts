const SECRET_KEY = '[\\w-]*(?:key|secret|token|password|passwd|authorization|cookie|credential)[\\w-]*';
const BLOCK_ENTRY = new RegExp(`^(\\s*(?:-\\s+)?["']?${SECRET_KEY}["']?\\s*:\\s+)(.*?)(\\s+#.*)?$`, 'i');
const FLOW_ENTRY = new RegExp(`(["']?${SECRET_KEY}["']?\\s*:\\s*)("[^"]*"|'[^']*'|(?:\\$\\{[^}]*\\}|[^,}\\]])*)`, 'gi');
const FLOW_OPEN = /(^|[^$])\{/;
const PURE_REFERENCE = /^(["']?)\$\{[A-Za-z_][A-Za-z0-9_]*(:-)?\}\1$/;

function redactValue(raw: string): string {
  const value = raw.trimEnd();
  const trailing = raw.slice(value.length);
  return (value === '' || PURE_REFERENCE.test(value) ? value : '<redacted>') + trailing;
}

/**
 * Hides the value of secret-looking keys (`api_key`, `Authorization`, `*token*`) in a line of
 * config source before it is shown in an error excerpt. A bare `${VAR}` reference is kept:
 * it names where the secret comes from and is the part an operator needs to see.
 */
export function redactSourceLine(line: string): string {
  if (FLOW_OPEN.test(line)) return line.replace(FLOW_ENTRY, (_, key: string, value: string) => key + redactValue(value));
  const match = BLOCK_ENTRY.exec(line);
  if (match === null) return line;
  return match[1] + redactValue(match[2]) + (match[3] ?? '');
}
